import { describe, expect, it } from 'vitest';
import { groupsInput } from './validation';

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
