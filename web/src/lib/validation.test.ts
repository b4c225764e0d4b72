import { describe, expect, it } from 'vitest';
import { everyLine, groupsInput, parseVariables } from './validation';

describe('groupsInput', () => {
  it('connects every chosen group to a new resource', () => {
    expect(groupsInput(undefined, ['a', 'b'])).toEqual({ connect: [{ id: 'a' }, { id: 'b' }] });
  });

  it('connects and disconnects only what the form changed on a stored one', () => {
    const node = { groups: [{ id: 'a' }, { id: 'b' }] };
    expect(groupsInput(node, ['b', 'c'])).toEqual({ connect: [{ id: 'c' }], disconnect: [{ id: 'a' }] });
    expect(groupsInput(node, ['a', 'b'])).toEqual({});
    expect(groupsInput({ groups: null }, ['a'])).toEqual({ connect: [{ id: 'a' }] });
  });
});

describe('everyLine', () => {
  const rule = everyLine(/^[A-Z_]+=.*$/, 'Each line must be NAME=value');
  it('passes a text whose lines all match, blank lines and spaces aside', async () => {
    await expect(rule.validator(null, ' A=1\n\nB_C=x=y \n')).resolves.toBeUndefined();
    await expect(rule.validator(null, undefined)).resolves.toBeUndefined();
  });
  it('refuses a text with one line that does not, saying so', async () => {
    await expect(rule.validator(null, 'A=1\nnot a variable')).rejects.toThrow('Each line must be NAME=value');
  });
});

describe('parseVariables', () => {
  it('reads NAME=value lines, a value may hold =', () => {
    expect(parseVariables(' A=1\n\nB=x=y\n')).toEqual({ A: '1', B: 'x=y' });
  });
});
