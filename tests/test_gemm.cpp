// The product kernels: OpenBLAS (whichever kernels it chose for this processor, or the
// ones OPENBLAS_CORETYPE holds it to: CTest runs this under Haswell's AVX2 kernels and
// under the native ones) against Eigen's, for every transpose, in float and double.
#include "testing.h"

#include <cstdlib>
#include <random>

#include "core/gemm.h"

using namespace bs;

namespace {
template <class T> Mat<T> random(Index r, Index c, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(-1, 1);
  Mat<T> m(r, c);
  for (Index i = 0; i < m.size(); ++i) m(i) = T(u(rng));
  return m;
}

template <class T> void compare(double tolerance) {
  std::mt19937 rng(3);
  for (auto [m, n, k] : {std::tuple<Index, Index, Index>{100, 100, 3072}, {100, 3072, 100}, {3072, 100, 100}, {7, 5, 3}, {1, 1, 1}})
    for (bool tA : {false, true})
      for (bool tB : {false, true}) {
        CAPTURE(m);
        CAPTURE(n);
        CAPTURE(k);
        CAPTURE(tA);
        CAPTURE(tB);
        const Mat<T> A = tA ? random<T>(k, m, rng) : random<T>(m, k, rng), B = tB ? random<T>(n, k, rng) : random<T>(k, n, rng);
        Mat<T> viaBlas(m, n), viaEigen(m, n);
        gemm<T>(GemmKernel::OpenBlas, tA, tB, m, n, k, A.data(), A.rows(), B.data(), B.rows(), viaBlas.data(), m);
        gemm<T>(GemmKernel::Eigen, tA, tB, m, n, k, A.data(), A.rows(), B.data(), B.rows(), viaEigen.data(), m);
        // Sums of k products of numbers in [-1, 1]: rounding grows like sqrt(k) ulps.
        CHECK((viaBlas - viaEigen).cwiseAbs().maxCoeff() <= tolerance * std::sqrt(double(k)));
      }
}
}  // namespace

TEST_CASE("OpenBLAS and Eigen give the same products") {
  REQUIRE(haveOpenBlas());
  MESSAGE("kernels: " << gemmKernelName(GemmKernel::OpenBlas));
  if (const char* core = std::getenv("OPENBLAS_CORETYPE"))  // the kernels asked for are the ones run
    CHECK(gemmKernelName(GemmKernel::OpenBlas).find(std::string("(") + core) != std::string::npos);
  compare<float>(1e-5);
  compare<double>(1e-13);
}

TEST_CASE("the kernel is chosen by name; Eigen is always there") {
  GemmKernel k = GemmKernel::OpenBlas;
  CHECK(parseGemmKernel("eigen", k));
  CHECK(k == GemmKernel::Eigen);
  CHECK(parseGemmKernel("openblas", k) == haveOpenBlas());
  CHECK_FALSE(parseGemmKernel("mkl", k));
  CHECK(gemmKernelName(GemmKernel::Eigen).find("Eigen 3.4") == 0);
}
