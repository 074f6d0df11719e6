#pragma once
// LOSSCAPE_VECTOR_CLONES, on a function whose loops are worth vectorising (the basin maps' inner
// loops): GCC compiles it three times, for AVX-512 CPUs (x86-64-v4), AVX2 + FMA CPUs (x86-64-v3)
// and any x86-64 CPU, and picks the best one for the CPU at load time. The binary runs anywhere,
// at each CPU's vector width, and every clone gives the same numbers: they do the same IEEE
// operations, as the build forbids implicit fused multiply-adds (-ffp-contract=off) and
// std::fma rounds once with or without an FMA instruction. Elsewhere than x86-64, and with clang
// (which cannot clone templates or flattened functions; it builds the fuzzers), one version.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LOSSCAPE_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define LOSSCAPE_VECTOR_CLONES
#endif
