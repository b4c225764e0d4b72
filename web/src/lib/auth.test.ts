import { describe, expect, it } from 'vitest';
import { safeRedirect } from './auth';

describe('safeRedirect', () => {
  it('goes back to paths of this site', () => {
    expect(safeRedirect('/notebook/primehub/nb/lab?x=1')).toBe('/notebook/primehub/nb/lab?x=1');
    expect(safeRedirect('/console/jobs')).toBe('/console/jobs');
  });
  it('never to another site', () => {
    for (const target of ['https://evil.example.com/', '//evil.example.com/x', '/\\evil.example.com', '/\t/evil.example.com', '/\n/evil.example.com', '/\r//evil.example.com', '/x\\y', ' //evil.example.com', 'javascript:alert(1)', '', null, undefined]) {
      expect(safeRedirect(target)).toBe('/console/');
    }
  });
});
