import { describeCorpusShard } from "./corpus-shard";

// half of test/corpus/files (the other half: real-corpus-1.test.ts), so the two run in parallel
describeCorpusShard(1, 2);
