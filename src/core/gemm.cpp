#include "core/gemm.h"

#include <cstdlib>
#include <cstring>
#include <mutex>

#ifdef BACKSTEP_OPENBLAS
#include <cblas.h>
extern "C" {
void openblas_set_num_threads(int);
char* openblas_get_corename(void);
char* openblas_get_config(void);
}
#endif

namespace bs {

namespace {

GemmKernel defaultKernel() {
  GemmKernel k = haveOpenBlas() ? GemmKernel::OpenBlas : GemmKernel::Eigen;
  if (const char* e = std::getenv("BACKSTEP_GEMM")) parseGemmKernel(e, k);
  return k;
}

GemmKernel& chosen() {
  static GemmKernel k = [] {
#ifdef BACKSTEP_OPENBLAS
    openblas_set_num_threads(1);  // our pool splits the work; OpenBLAS's threads would spin against it
#endif
    return defaultKernel();
  }();
  return k;
}

template <class T> using CMat = Eigen::Map<const Mat<T>, 0, Eigen::OuterStride<>>;

template <class T>
void eigenGemm(bool tA, bool tB, Index m, Index n, Index k, const T* A, Index lda, const T* B, Index ldb, T* C, Index ldc) {
  const CMat<T> a(A, tA ? k : m, tA ? m : k, Eigen::OuterStride<>(lda));
  const CMat<T> b(B, tB ? n : k, tB ? k : n, Eigen::OuterStride<>(ldb));
  Eigen::Map<Mat<T>, 0, Eigen::OuterStride<>> c(C, m, n, Eigen::OuterStride<>(ldc));
  if (tA && tB) c.noalias() = a.transpose() * b.transpose();
  else if (tA) c.noalias() = a.transpose() * b;
  else if (tB) c.noalias() = a * b.transpose();
  else c.noalias() = a * b;
}

}  // namespace

bool haveOpenBlas() {
#ifdef BACKSTEP_OPENBLAS
  return true;
#else
  return false;
#endif
}

GemmKernel gemmKernel() { return chosen(); }
void setGemmKernel(GemmKernel k) { chosen() = haveOpenBlas() ? k : GemmKernel::Eigen; }

bool parseGemmKernel(const std::string& name, GemmKernel& k) {
  if (name == "eigen") k = GemmKernel::Eigen;
  else if (name == "openblas" && haveOpenBlas()) k = GemmKernel::OpenBlas;
  else return false;
  return true;
}

std::string gemmKernelName(GemmKernel k) {
#ifdef BACKSTEP_OPENBLAS
  if (k == GemmKernel::OpenBlas) {
    gemmKernel();  // settles the thread count first
    std::string config = openblas_get_config();  // "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64"
    std::string version = config.substr(0, config.find(' ', std::strlen("OpenBLAS ")));
    return version + " (" + openblas_get_corename() + " kernels)";
  }
#endif
  (void)k;
  return "Eigen " + std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) +
#ifdef __AVX2__
         " (AVX2)";
#else
         " (SSE2)";
#endif
}

template <class T>
void gemm(GemmKernel kernel, bool tA, bool tB, Index m, Index n, Index k, const T* A, Index lda, const T* B, Index ldb, T* C,
          Index ldc) {
#ifdef BACKSTEP_OPENBLAS
  if (kernel == GemmKernel::OpenBlas && m > 0 && n > 0 && k > 0) {
    const auto ta = tA ? CblasTrans : CblasNoTrans, tb = tB ? CblasTrans : CblasNoTrans;
    if constexpr (std::is_same_v<T, float>)
      cblas_sgemm(CblasColMajor, ta, tb, int(m), int(n), int(k), 1.0f, A, int(lda), B, int(ldb), 0.0f, C, int(ldc));
    else
      cblas_dgemm(CblasColMajor, ta, tb, int(m), int(n), int(k), 1.0, A, int(lda), B, int(ldb), 0.0, C, int(ldc));
    return;
  }
#endif
  (void)kernel;
  eigenGemm(tA, tB, m, n, k, A, lda, B, ldb, C, ldc);
}

template void gemm<float>(GemmKernel, bool, bool, Index, Index, Index, const float*, Index, const float*, Index, float*, Index);
template void gemm<double>(GemmKernel, bool, bool, Index, Index, Index, const double*, Index, const double*, Index, double*, Index);

}  // namespace bs
