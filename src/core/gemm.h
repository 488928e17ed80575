// The kernels of the big matrix products, chosen at run time. Eigen is compiled for
// AVX2 (it runs everywhere this program builds); OpenBLAS picks its own kernels for the
// processor it runs on (AVX-512 "Cooperlake" on these Zen 5 machines, Haswell's on an
// AVX2 one, or whatever OPENBLAS_CORETYPE says), so no compile flag assumes a processor.
// Threads stay ours (thread_pool.h): OpenBLAS runs single-threaded inside each block.
#pragma once
#include <string>

#include "core/tensor.h"

namespace bs {

enum class GemmKernel { Eigen, OpenBlas };

// The process-wide choice (default: OpenBLAS when built with it; BACKSTEP_GEMM=eigen|
// openblas in the environment overrides the default, for comparisons).
GemmKernel gemmKernel();
void setGemmKernel(GemmKernel k);
bool haveOpenBlas();
// "OpenBLAS 0.3.21 (Cooperlake kernels)" or "Eigen 3.4 (AVX2)", for bench and the README.
std::string gemmKernelName(GemmKernel k);
// "eigen" or "openblas" to a kernel; false if unknown or not built in.
bool parseGemmKernel(const std::string& name, GemmKernel& k);

// C (m x n) = op(A) · op(B), column-major, op = transpose when the flag says so;
// lda/ldb/ldc are leading dimensions as BLAS has them.
template <class T>
void gemm(GemmKernel kernel, bool transA, bool transB, Index m, Index n, Index k, const T* A, Index lda, const T* B,
          Index ldb, T* C, Index ldc);

}  // namespace bs
