import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';

describe('toolchain', () => {
  it('runs on a Node with node:sqlite and FTS5', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE VIRTUAL TABLE probe USING fts5(body)');
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });
});
