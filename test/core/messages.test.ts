import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { messageCatalog } from '../../core/src/index';

describe('core messages in English and Russian', () => {
  test('both languages have every message, with the same placeholders', () => {
    const english = messageCatalog('en');
    const russian = messageCatalog('ru');
    assert.deepEqual(Object.keys(russian).sort(), Object.keys(english).sort());
    for (const id of Object.keys(english) as Array<keyof typeof english>) {
      assert.ok(russian[id].trim(), `${id} is empty in Russian`);
      const placeholders = (text: string) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
      assert.deepEqual(placeholders(russian[id]), placeholders(english[id]), `${id} placeholders differ`);
    }
  });
});
