import { describe, expect, it } from 'vitest';
import { secrets } from './Secrets';

describe('secret input', () => {
  it('keeps stored values a blank field does not replace', () => {
    const values = { name: 'pull', displayName: 'Pull', type: 'kubernetes' as const, secret: '', registryHost: 'r.example.com', username: 'bot', password: '' };
    expect(secrets.toInput(values, { id: 'pull' })).toEqual({ displayName: 'Pull', registryHost: 'r.example.com', username: 'bot' });
    expect(secrets.toInput({ ...values, password: 'new' })).toEqual({
      name: 'pull',
      type: 'kubernetes',
      displayName: 'Pull',
      registryHost: 'r.example.com',
      username: 'bot',
      password: 'new',
    });
  });
});
