// png_check FILE WIDTH HEIGHT [--heatmap|--verdicts|--wrong-left N]: exits 0 if FILE
// is a PNG of that size that is not blank (many colours, not one flat fill); with
// --heatmap it must also hold both ends of the heatmap colour map (the shader ran); with
// --verdicts, the answers mode's tints for correct, wrong and carried-over numbers
// (src/gui/verdict_marks.cpp); with --wrong-left N, a wrong number's tint in the
// leftmost N columns.
// Prints what it found.
#include <stb_image.h>  // the implementation is inside libstb.so

#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>

namespace {
int near(const unsigned char* p, int r, int g, int b) {
  return std::abs(p[0] - r) + std::abs(p[1] - g) + std::abs(p[2] - b) <= 12;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: png_check FILE WIDTH HEIGHT [--heatmap|--verdicts|--wrong-left N]\n");
    return 2;
  }
  const bool heatmap = argc > 4 && std::strcmp(argv[4], "--heatmap") == 0;
  const bool verdicts = argc > 4 && std::strcmp(argv[4], "--verdicts") == 0;
  // --wrong-left N: a wrong number's tint in the leftmost N columns (the graph, not the inspector).
  const int wrongLeft = argc > 5 && std::strcmp(argv[4], "--wrong-left") == 0 ? std::atoi(argv[5]) : 0;
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
  if (!px) {
    std::fprintf(stderr, "%s: not a readable image (%s)\n", argv[1], stbi_failure_reason());
    return 1;
  }
  int fails = 0;
  if (w != std::atoi(argv[2]) || h != std::atoi(argv[3])) {
    std::fprintf(stderr, "%s: %dx%d, expected %sx%s\n", argv[1], w, h, argv[2], argv[3]);
    ++fails;
  }
  std::set<int> colours;
  long dark = 0, blue = 0, red = 0;
  long correct = 0, wrong = 0, carried = 0, wrongInLeft = 0;
  for (long i = 0; i < long(w) * h; ++i) {
    const unsigned char* p = px + 3 * i;
    colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
    dark += p[0] + p[1] + p[2] < 200;
    blue += near(p, 33, 102, 172);  // the ends of shaders/heatmap.frag's colour map
    red += near(p, 178, 24, 43);
    correct += near(p, 200, 238, 205);  // verdictTint()
    wrong += near(p, 255, 196, 196);
    wrongInLeft += near(p, 255, 196, 196) && i % w < wrongLeft;
    carried += near(p, 255, 208, 160);
  }
  std::printf("%s: %dx%d, %zu colours, %ld dark pixels, %ld heatmap-blue, %ld heatmap-red\n", argv[1], w, h,
              colours.size(), dark, blue, red);
  // Text and lines give hundreds of colours and thousands of dark pixels; a blank or
  // failed render has a handful.
  if (colours.size() < 50 || dark < 500) {
    std::fprintf(stderr, "%s: looks blank\n", argv[1]);
    ++fails;
  }
  if (verdicts) std::printf("verdict tints: %ld correct, %ld wrong, %ld carried over\n", correct, wrong, carried);
  if (verdicts && (correct < 200 || wrong < 200 || carried < 200)) {
    std::fprintf(stderr, "%s: the numbers are not tinted by their verdicts\n", argv[1]);
    ++fails;
  }
  if (wrongLeft > 0) std::printf("wrong tint in the leftmost %d columns: %ld pixels\n", wrongLeft, wrongInLeft);
  if (wrongLeft > 0 && wrongInLeft < 100) {
    std::fprintf(stderr, "%s: no wrong number's tint in the leftmost %d columns\n", argv[1], wrongLeft);
    ++fails;
  }
  if (heatmap && (blue < 30 || red < 30)) {
    std::fprintf(stderr, "%s: no heatmap colours (the heatmap shader drew nothing)\n", argv[1]);
    ++fails;
  }
  stbi_image_free(px);
  return fails ? 1 : 0;
}
