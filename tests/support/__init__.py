"""Helpers shared by the tests: data factories, the fake clock, workspace snapshots, invariant
checks and the WeCom client/emulator plumbing. Everything works on real files and real HTTP."""
