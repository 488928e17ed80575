// The program's two languages, English (the text in the source) and Spanish.
// Strings a user reads are marked in the source with gettext's semantics: the msgid is
// the English text, po/es.po holds its Spanish, msgfmt compiles it at build time into
// es.mo, which is compiled into the program (i18n_mo.cmake) and read by mo_catalog.h.
//   tr("forward")                       the translation of a literal (xgettext: tr)
//   trc("verdict", "wrong")             with a context, for a word that has two meanings
//   trn("{} sheet", "{} sheets", n)     a plural chosen by n (Spanish: n != 1)
//   fmt(tr("epoch {} of {}"), a, b)     placeholders, so a translation can reorder: {0} {1}
// English is the default, and with it every marked string is its own msgid, byte for byte.
// The language is one process-wide setting (like a locale): chosen at start by --lang or
// the environment, and by the window's View > Language; it is atomic, so a worker
// thread that writes a message reads it safely.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace bs::i18n {

enum class Lang { En, Es };

void setLanguage(Lang l);
Lang language();
// "es", "en".
const char* code(Lang l);
// The language a code names: "es", "es_ES.UTF-8", "es_AR", "en_US" (the letters before
// '_', '.', '@', '-' or ':'); nullopt for any other (fr, C, POSIX, "").
std::optional<Lang> parseLang(std::string_view s);
// The language of the environment as gettext reads it: LANGUAGE (a list "fr:es:en", the
// first es or en in it), then LC_ALL, LC_MESSAGES, LANG; the first that names es or en.
std::optional<Lang> environmentLanguage();
// --lang's value ("es", "en"), else the environment, else English.
Lang chooseLanguage(const std::optional<std::string>& flag);
// The value of --lang in argv (--lang es, --lang=es), if given: the help text is built
// before CLI11 parses, so the language is chosen first.
std::optional<std::string> langFlag(int argc, const char* const* argv);

// Marks a literal for translation where it is stored (an op record's formula) and
// returns it unchanged; tr() translates it where it is shown (xgettext: trNoop).
constexpr const char* trNoop(const char* msgid) { return msgid; }

// The translation of msgid in the current language; msgid itself in English or when the
// catalogue has none. The pointer stays valid for the life of the program.
const char* tr(const char* msgid);
std::string tr(const std::string& msgid);
const char* trc(const char* context, const char* msgid);
const char* trn(const char* singular, const char* plural, unsigned long n);
// The same lookups in a given language (tests; the language menu names each language in
// itself).
const char* trIn(Lang l, const char* msgid);

// How many entries es.mo holds (a test: the catalogue was compiled in).
size_t catalogSize(Lang l);

namespace detail {
inline std::string arg(const std::string& s) { return s; }
inline std::string arg(std::string_view s) { return std::string(s); }
inline std::string arg(const char* s) { return s; }
inline std::string arg(char c) { return std::string(1, c); }
template <class T>
  requires std::is_integral_v<T>
std::string arg(T v) { return std::to_string(v); }
std::string format(std::string_view pattern, const std::string* args, size_t n);
}  // namespace detail

// Replaces "{}" by the next argument and "{N}" by argument N (0-based), "{{" and "}}"
// by braces. Numbers are passed already formatted (formatNumber), so a formula keeps its
// decimal point in both languages.
template <class... A>
std::string fmt(std::string_view pattern, const A&... a) {
  const std::string args[] = {detail::arg(a)..., std::string()};
  return detail::format(pattern, args, sizeof...(A));
}

}  // namespace bs::i18n

namespace bs {
using i18n::fmt;
using i18n::tr;
using i18n::trc;
using i18n::trn;
using i18n::trNoop;
}  // namespace bs
