import { describeJournalContract } from '../../contracts/journal-contract.js';
import { MemoryJournal } from '../../fakes/memory-journal.js';

describeJournalContract('MemoryJournal', () => ({ journal: new MemoryJournal() }));
