import { describeFuzzShard } from "./fuzz-shard";

// half of test/corpus/files (the other half: fuzz-1.test.ts), so the two run in parallel
describeFuzzShard(1, 2);
