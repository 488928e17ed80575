// CIFAR-10 loading from files the tests write themselves (and broken variants),
// preprocessing, and the XOR / parity generators. Never touches ../shared/data.
#include "testing.h"

#include <filesystem>
#include <cstring>
#include <fstream>
#include <unistd.h>
#ifdef BACKSTEP_HAVE_ZLIB
#include <zlib.h>
#endif

#include "data/cifar.h"
#include "data/normalizer.h"
#include "data/tar_gz.h"
#include "data/toy.h"

using namespace bs;
using namespace bs::data;
namespace fs = std::filesystem;

namespace {

constexpr int kRecords = 3;  // per file in these tests

// A record whose pixels are all `pixel` and whose label is `label`.
std::string record(int label, int pixel) {
  std::string r(3073, char(pixel));
  r[0] = char(label);
  return r;
}

std::string batchFile(int fileIndex) {
  std::string s;
  for (int r = 0; r < kRecords; ++r) s += record((fileIndex + r) % 10, 10 * fileIndex + r);
  return s;
}

void writeFile(const fs::path& p, const std::string& bytes) {
  std::ofstream f(p, std::ios::binary);
  f.write(bytes.data(), std::streamsize(bytes.size()));
}

// A fresh folder with the six batch files (file i has pixels 10 i + r in record r).
struct CifarDir {
  fs::path dir;
  explicit CifarDir(const std::string& name) {
    dir = fs::temp_directory_path() / ("backstep_test_data_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto names = cifarFileNames();
    for (size_t i = 0; i < names.size(); ++i) writeFile(dir / names[i], batchFile(int(i)));
    writeFile(dir / "batches.meta.txt", "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
  }
  ~CifarDir() { fs::remove_all(dir); }
  std::string str() const { return dir.string(); }
};

std::string loadError(const std::string& path) {
  try {
    loadCifar(path, kRecords);
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a CIFAR-10 folder loads: 5 training files, 1 test file, labels, pixels, class names") {
  CifarDir d("ok");
  Cifar c = loadCifar(d.str(), kRecords);
  REQUIRE(c.train.size() == 5 * kRecords);
  REQUIRE(c.test.size() == kRecords);
  CHECK(c.train.labels[0] == 0);
  CHECK(c.train.labels[4] == 2);           // file 1, record 1: label (1 + 1) % 10
  CHECK(c.train.image(4)[0] == 11);        // pixels 10·1 + 1
  CHECK(c.train.image(4)[3071] == 11);
  CHECK(c.test.labels[2] == 7);            // test file is index 5: (5 + 2) % 10
  CHECK(c.test.image(2)[100] == 52);
  CHECK(c.classNames.at(9) == "truck");
  CHECK(c.train.pixels.size() == size_t(5 * kRecords * 3072));
}

TEST_CASE("a missing folder names the download address and the files") {
  const std::string msg = loadError("/nonexistent/cifar-10-batches-bin");
  CHECK(msg.find("/nonexistent/cifar-10-batches-bin") != std::string::npos);
  CHECK(msg.find("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz") != std::string::npos);
  CHECK(msg.find("data_batch_1.bin") != std::string::npos);
  CHECK(msg.find("test_batch.bin") != std::string::npos);
}

TEST_CASE("a missing file is named") {
  CifarDir d("missing");
  fs::remove(d.dir / "data_batch_3.bin");
  const std::string msg = loadError(d.str());
  CHECK(msg.find("data_batch_3.bin is missing") != std::string::npos);
}

TEST_CASE("a truncated file names the file and the size expected") {
  CifarDir d("truncated");
  std::string bytes = batchFile(1);
  bytes.resize(bytes.size() - 100);
  writeFile(d.dir / "data_batch_2.bin", bytes);
  const std::string msg = loadError(d.str());
  CHECK(msg.find("data_batch_2.bin") != std::string::npos);
  CHECK(msg.find("9119 bytes, expected 9219") != std::string::npos);
  CHECK(msg.find("truncated") != std::string::npos);
}

TEST_CASE("a file of the wrong size is refused") {
  CifarDir d("size");
  writeFile(d.dir / "test_batch.bin", batchFile(5) + "extra");
  const std::string msg = loadError(d.str());
  CHECK(msg.find("test_batch.bin: 9224 bytes, expected 9219") != std::string::npos);
}

TEST_CASE("a label out of range names the file and the record") {
  CifarDir d("label");
  writeFile(d.dir / "data_batch_4.bin", record(0, 1) + record(10, 1) + record(0, 1));
  const std::string msg = loadError(d.str());
  CHECK(msg.find("data_batch_4.bin: record 1 has label 10, expected 0..9") != std::string::npos);
}

#ifdef BACKSTEP_HAVE_ZLIB
namespace {
// One ustar member written by hand: a 512-byte header, the contents padded to 512.
std::string tarMember(const std::string& name, const std::string& content) {
  std::string h(512, '\0');
  name.copy(h.data(), name.size());
  std::snprintf(h.data() + 124, 12, "%011o", unsigned(content.size()));
  h[156] = '0';
  std::memcpy(h.data() + 257, "ustar", 5);
  return h + content + std::string((512 - content.size() % 512) % 512, '\0');
}

// The six batch files under cifar-10-batches-bin/, as the download has them.
std::string cifarTar() {
  std::string tar;
  const auto names = cifarFileNames();
  for (size_t i = 0; i < names.size(); ++i) tar += tarMember("cifar-10-batches-bin/" + names[i], batchFile(int(i)));
  return tar;
}

void writeTarGz(const fs::path& p, const std::string& tar) {
  gzFile f = gzopen(p.c_str(), "wb");
  REQUIRE(f);
  gzwrite(f, tar.data(), unsigned(tar.size()));
  gzclose(f);
}

fs::path tarPath(const std::string& name) {
  return fs::temp_directory_path() / ("backstep_test_" + name + "_" + std::to_string(::getpid()) + ".tar.gz");
}
}  // namespace

TEST_CASE("the downloaded .tar.gz loads directly") {
  REQUIRE(canReadTarGz());
  const fs::path p = tarPath("cifar");
  writeTarGz(p, cifarTar() + std::string(1024, '\0'));
  Cifar c = loadCifar(p.string(), kRecords);
  CHECK(c.train.size() == 5 * kRecords);
  CHECK(c.test.image(1)[5] == 51);
  // A truncated archive is refused with a message.
  std::ifstream in(p, std::ios::binary);
  std::string gz((std::istreambuf_iterator<char>(in)), {});
  writeFile(p, gz.substr(0, gz.size() / 2));
  std::string msg;
  try {
    loadCifar(p.string(), kRecords);
  } catch (const DataError& e) {
    msg = e.what();
  }
  CHECK(msg.find(p.string()) != std::string::npos);
  fs::remove(p);
}

TEST_CASE("an archive is read until the files are found, one member per name, with a cap on what it decompresses") {
  const fs::path p = tarPath("members");
  const std::vector<std::string> names = {"data_batch_1.bin", "test_batch.bin"};
  // Reading stops at the last file wanted: what follows is never looked at.
  writeTarGz(p, tarMember("a/data_batch_1.bin", "one") + tarMember("a/test_batch.bin", "test") + std::string(512, 'x'));
  const auto files = readTarGz(p.string(), names);
  REQUIRE(files.size() == 2);
  CHECK(files.at("test_batch.bin") == "test");
  // A second member of a wanted name is refused, naming both.
  writeTarGz(p, tarMember("a/data_batch_1.bin", "one") + tarMember("b/data_batch_1.bin", "two") + std::string(1024, '\0'));
  CHECK_THROWS_WITH_AS(readTarGz(p.string(), names), doctest::Contains("holds data_batch_1.bin twice (a/data_batch_1.bin and b/data_batch_1.bin)"), DataError);
  // A member that is not wanted still counts towards the decompressed bytes.
  writeTarGz(p, tarMember("padding.bin", std::string(20000, '\0')) + tarMember("a/data_batch_1.bin", "one"));
  CHECK_THROWS_WITH_AS(readTarGz(p.string(), names, 10000), doctest::Contains("more than 10000 bytes decompressed before the CIFAR-10 files were found"), DataError);
  CHECK(readTarGz(p.string(), names, 30000).size() == 1);
  fs::remove(p);
}
#endif

TEST_CASE("mean-image subtraction uses the training set and applies to the test set") {
  CifarDir d("mean");
  Cifar c = loadCifar(d.str(), kRecords);
  Normalizer n = Normalizer::fit(c.train, Preprocess::Mean);
  // Training pixels are 10 i + r for files i = 0..4 and records r = 0..2: mean 21.
  CHECK(n.mean[0] == doctest::Approx(21.0));
  Mat<float> x;
  std::vector<int> idx = {2, 0};
  n.batch(c.test, idx, x);
  REQUIRE(x.rows() == 3072);
  REQUIRE(x.cols() == 2);
  CHECK(x(0, 0) == doctest::Approx(52 - 21.0));  // test record 2 has pixels 52
  CHECK(x(3071, 1) == doctest::Approx(50 - 21.0));

  Normalizer s = Normalizer::fit(c.train, Preprocess::Standardize);
  n.batch(c.train, std::vector<int>{0}, x);
  double var = 0;
  for (int i = 0; i < c.train.size(); ++i) var += (c.train.image(i)[7] - 21.0) * (c.train.image(i)[7] - 21.0);
  var /= c.train.size();
  Mat<float> z;
  s.batch(c.train, std::vector<int>{0}, z);
  CHECK(z(7, 0) == doctest::Approx((0 - 21.0) / std::sqrt(var)).epsilon(1e-5));
  CHECK_THROWS_AS(parsePreprocess("whiten"), std::invalid_argument);
}

TEST_CASE("XOR and parity: every ±1 input once, target the product of the bits") {
  Toy x = xorData();
  REQUIRE(x.x.cols() == 4);
  for (Index c = 0; c < 4; ++c) CHECK(x.t(0, c) == x.x(0, c) * x.x(1, c));
  Toy p = parity(5);
  REQUIRE(p.x.rows() == 5);
  REQUIRE(p.x.cols() == 32);
  CHECK(p.t.sum() == 0);  // as many even as odd
  for (Index c = 0; c < 32; ++c) CHECK(p.t(0, c) == p.x.col(c).prod());
  CHECK_THROWS_AS(parity(0), std::invalid_argument);
}
