// A separate writer of history.jsonl, run as its own process by tests: adds `count` entries named <prefix>-<n> and
// removes every third again, with a small slack so that it compacts (replaces) the file while others append.
import { HistoryStore } from '../../main/services/history/history-store.js';
import { sampleHistoryEntry } from './history-entries.js';

const [file, prefix, count] = process.argv.slice(2);
if (!file || !prefix || !count) throw new Error('usage: history-writer.ts <file> <prefix> <count>');
const store = new HistoryStore({ file, slackLines: 2 });
for (let index = 0; index < Number(count); index += 1) {
  const id = `${prefix}-${index}`;
  await store.add(sampleHistoryEntry(id));
  if (index % 3 === 0) await store.remove(id);
}
await store.flush();
