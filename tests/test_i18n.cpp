// The translations: choosing the language, the compiled-in catalogue, placeholders and
// plurals, and that English stays the text in the source, byte for byte.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

#include "check/checker.h"
#include "i18n/i18n.h"
#include "i18n/mo_catalog.h"
#include "session/settings.h"

using namespace bs;
using i18n::Lang;

namespace {
// Sets the language for one test and puts English back after it.
struct InLanguage {
  explicit InLanguage(Lang l) { i18n::setLanguage(l); }
  ~InLanguage() { i18n::setLanguage(Lang::En); }
};

struct Env {  // sets (or unsets, for nullptr) the four variables, restoring nothing: tests own them
  Env(const char* language, const char* all, const char* messages, const char* lang) {
    set("LANGUAGE", language), set("LC_ALL", all), set("LC_MESSAGES", messages), set("LANG", lang);
  }
  static void set(const char* k, const char* v) {
    if (v) setenv(k, v, 1);
    else unsetenv(k);
  }
  ~Env() { set("LANGUAGE", nullptr), set("LC_ALL", nullptr), set("LC_MESSAGES", nullptr), set("LANG", nullptr); }
};
}  // namespace

TEST_CASE("i18n: a language code is the letters before _ . @ - or :") {
  CHECK(i18n::parseLang("es") == Lang::Es);
  CHECK(i18n::parseLang("es_ES.UTF-8") == Lang::Es);
  CHECK(i18n::parseLang("es_AR") == Lang::Es);
  CHECK(i18n::parseLang("en_US.UTF-8") == Lang::En);
  CHECK(i18n::parseLang("en") == Lang::En);
  CHECK_FALSE(i18n::parseLang("fr_FR.UTF-8"));
  CHECK_FALSE(i18n::parseLang("C"));
  CHECK_FALSE(i18n::parseLang("POSIX"));
  CHECK_FALSE(i18n::parseLang(""));
  CHECK_FALSE(i18n::parseLang("est"));  // Estonian's code is et, but "est" must not read as es
}

TEST_CASE("i18n: the environment as gettext reads it: LANGUAGE, LC_ALL, LC_MESSAGES, LANG, the first that names es or en") {
  {
    Env e(nullptr, nullptr, nullptr, "es_ES.UTF-8");
    CHECK(i18n::environmentLanguage() == Lang::Es);
    CHECK(i18n::chooseLanguage(std::nullopt) == Lang::Es);
    CHECK(i18n::chooseLanguage(std::string("en")) == Lang::En);  // --lang wins
  }
  {
    Env e("fr:es:en", nullptr, nullptr, "en_US.UTF-8");  // a list: its first es or en
    CHECK(i18n::environmentLanguage() == Lang::Es);
  }
  {
    Env e(nullptr, "en_GB.UTF-8", nullptr, "es_ES.UTF-8");  // LC_ALL before LANG
    CHECK(i18n::environmentLanguage() == Lang::En);
  }
  {
    Env e(nullptr, nullptr, "es_MX", "en_US");  // LC_MESSAGES before LANG
    CHECK(i18n::environmentLanguage() == Lang::Es);
  }
  {
    Env e(nullptr, "C", nullptr, "fr_FR.UTF-8");  // neither: English
    CHECK_FALSE(i18n::environmentLanguage());
    CHECK(i18n::chooseLanguage(std::nullopt) == Lang::En);
  }
}

TEST_CASE("i18n: --lang is read from argv before CLI11 parses") {
  const char* a[] = {"backstep", "--lang", "es", "trace", "ex2"};
  CHECK(i18n::langFlag(5, a) == std::optional<std::string>("es"));
  const char* b[] = {"backstep", "trace", "ex2", "--lang=en"};
  CHECK(i18n::langFlag(4, b) == std::optional<std::string>("en"));
  const char* c[] = {"backstep", "trace", "ex2"};
  CHECK_FALSE(i18n::langFlag(3, c));
  const char* d[] = {"backstep", "--", "--lang", "es"};  // after --, a file name
  CHECK_FALSE(i18n::langFlag(4, d));
}

TEST_CASE("i18n: the Spanish catalogue is compiled in, and English is the msgid itself") {
  CHECK(i18n::catalogSize(Lang::Es) > 400);
  CHECK(std::string(i18n::trIn(Lang::Es, "forward")) == "hacia adelante");
  CHECK(std::string(i18n::trIn(Lang::Es, "backward")) == "hacia atrás");
  const char* msgid = "forward";
  CHECK(i18n::trIn(Lang::En, msgid) == msgid);  // the same pointer: nothing looked up
  CHECK(std::string(i18n::trIn(Lang::Es, "a string nobody marked")) == "a string nobody marked");
  CHECK(std::string(i18n::trIn(Lang::Es, "")) == "");  // not the catalogue's header
}

TEST_CASE("i18n: the checker's verdicts and step labels follow the language") {
  CHECK(std::string(verdictName(Verdict::CarriedOver)) == "carried over");
  CHECK(stepLabel(5) == "step 6");
  InLanguage es(Lang::Es);
  CHECK(std::string(verdictName(Verdict::CarriedOver)) == "arrastrado");
  CHECK(std::string(verdictName(Verdict::Wrong)) == "incorrecto");
  CHECK(stepLabel(5) == "paso 6");
  CHECK(stepLabel(-1) == "el valor dado");
}

TEST_CASE("i18n: plurals (Spanish: one, and everything else) and contexts") {
  CHECK(std::string(trn("{} sheet", "{} sheets", 1)) == "{} sheet");
  CHECK(std::string(trn("{} sheet", "{} sheets", 0)) == "{} sheets");
  InLanguage es(Lang::Es);
  CHECK(std::string(trn("{} sheet", "{} sheets", 1)) == "{} hoja");
  CHECK(std::string(trn("{} sheet", "{} sheets", 2)) == "{} hojas");
  CHECK(std::string(trn("{} sheet", "{} sheets", 0)) == "{} hojas");
  CHECK(std::string(trc("grade column", "correct")) == "correctos");
  CHECK(std::string(tr("correct")) == "correcto");  // the verdict, without the context
}

TEST_CASE("i18n: fmt fills {} in order and {N} by number, so a translation can reorder") {
  CHECK(fmt("epoch {} of {}", 3, 10) == "epoch 3 of 10");
  CHECK(fmt("{1} before {0}", "a", std::string("b")) == "b before a");
  CHECK(fmt("{{literal}} {}", 'x') == "{literal} x");
  CHECK(fmt("no placeholders") == "no placeholders");
  CHECK_THROWS_AS(fmt("{} and {}", 1), std::logic_error);  // a translation with a placeholder too many
  CHECK_THROWS_AS(fmt("{oops}", 1), std::logic_error);
}

TEST_CASE("i18n: a .mo that is not one is refused, not read out of bounds") {
  CHECK_THROWS_AS(i18n::MoCatalog(std::string_view("not a catalogue at all")), std::runtime_error);
  CHECK_THROWS_AS(i18n::MoCatalog(std::string_view("\xde\x12\x04\x95", 4)), std::runtime_error);  // the magic, then nothing
  // A header that claims one string at an offset far outside the data.
  std::string bad(28, '\0');
  const unsigned magic = 0x950412de, one = 1, table = 28;
  std::memcpy(bad.data(), &magic, 4);
  std::memcpy(bad.data() + 8, &one, 4);
  std::memcpy(bad.data() + 12, &table, 4);
  std::memcpy(bad.data() + 16, &table, 4);
  bad += std::string("\x05\0\0\0\xff\xff\xff\x00", 8);
  CHECK_THROWS_AS(i18n::MoCatalog(std::string_view(bad)), std::runtime_error);
}

TEST_CASE("i18n: the window's language is remembered in the settings file") {
  const std::string path = "test_i18n_settings.ini";
  std::remove(path.c_str());
  app::Settings::update(path, [](app::Settings& s) { s.language = "es"; });
  CHECK(app::Settings::load(path).language == "es");
  app::Settings::update(path, [](app::Settings& s) { s.windowWidth = 1024, s.windowHeight = 640; });
  CHECK(app::Settings::load(path).language == "es");  // another key's update keeps it
  std::string warning;
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("language = fr\n", f);
    std::fclose(f);
  }
  CHECK(app::Settings::load(path, &warning).language.empty());
  CHECK(warning.find("language must be es or en") != std::string::npos);
  std::remove(path.c_str());
}
