#include "util/encoding.h"
#include "util/strings.h"

#include <unicode/ucnv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <cctype>
#include <memory>

namespace sitrep {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  // Overlong forms, surrogates and code points above U+10FFFF.
  if (c == 0xE0 && b(i + 1) < 0xA0) return 0;
  if (c == 0xED && b(i + 1) >= 0xA0) return 0;
  if (c == 0xF0 && b(i + 1) < 0x90) return 0;
  if (c == 0xF4 && b(i + 1) >= 0x90) return 0;
  return n;
}


// The charset a page declares in its first bytes: <meta charset="x"> or
// <meta http-equiv="Content-Type" content="text/html; charset=x">, or an XML prolog.
std::string SniffDeclaredCharset(std::string_view bytes) {
  std::string head = AsciiLower(bytes.substr(0, 4096));
  size_t at = head.find("charset");
  while (at != std::string::npos) {
    size_t i = at + 7;
    while (i < head.size() && (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\''))
      ++i;
    size_t j = i;
    while (j < head.size() && (std::isalnum(static_cast<unsigned char>(head[j])) || head[j] == '-' ||
                               head[j] == '_' || head[j] == ':' || head[j] == '.'))
      ++j;
    if (j > i && at > 0 && head[at - 1] != '-') return head.substr(i, j - i);
    at = head.find("charset", at + 7);
  }
  size_t enc = head.find("encoding=");
  if (head.rfind("<?xml", 0) == 0 && enc != std::string::npos && enc < head.find("?>")) {
    size_t i = enc + 10, j = i;
    while (j < head.size() && head[j] != '"' && head[j] != '\'') ++j;
    return head.substr(i, j - i);
  }
  return "";
}

bool IsUtf8Name(std::string_view cs) { return cs == "utf-8" || cs == "utf8"; }

// Converts with ICU; false when ICU does not know the charset.
bool Convert(std::string_view bytes, const std::string& charset, std::string& out) {
  UErrorCode err = U_ZERO_ERROR;
  // Browsers read ISO-8859-1 and ASCII labels as windows-1252; so do we.
  std::string name = (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii" ||
                      charset == "ascii")
                         ? "windows-1252"
                         : charset;
  UConverter* conv = ucnv_open(name.c_str(), &err);  // only to check that ICU knows it
  if (U_FAILURE(err)) return false;
  ucnv_close(conv);
  out.resize(bytes.size() * 3 + 16);
  err = U_ZERO_ERROR;
  int32_t len = ucnv_convert("UTF-8", name.c_str(), out.data(), static_cast<int32_t>(out.size()),
                             bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) {
    out.resize(len);
    err = U_ZERO_ERROR;
    len = ucnv_convert("UTF-8", name.c_str(), out.data(), len, bytes.data(),
                       static_cast<int32_t>(bytes.size()), &err);
  }
  if (U_FAILURE(err)) return false;
  out.resize(len);
  return true;
}

std::string Guess(std::string_view bytes) {
  uchardet_t ud = uchardet_new();
  uchardet_handle_data(ud, bytes.data(), std::min<size_t>(bytes.size(), 1 << 16));
  uchardet_data_end(ud);
  std::string cs = AsciiLower(uchardet_get_charset(ud));
  uchardet_delete(ud);
  return cs;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    // Web pages are mostly ASCII markup: skip eight such bytes at a time.
    if (i + 8 <= s.size()) {
      uint64_t word;
      memcpy(&word, s.data() + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

size_t RepairUtf8(std::string& s) {
  if (IsValidUtf8(s)) return 0;
  std::string out;
  out.reserve(s.size() + 16);
  size_t bad = 0;
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++bad;
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  s.swap(out);
  return bad;
}

bool LooksBinary(std::string_view head) {
  if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') ||
                           (head[0] == '\xFE' && head[1] == '\xFF')))
    return false;  // UTF-16 with a BOM is text
  size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) ++control;
  }
  return control * 20 > head.size();  // more than 5% control characters
}

std::string ToUtf8(std::string_view bytes, std::string_view declared, bool is_html,
                   std::vector<std::string>* warnings) {
  std::string out;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    out.assign(bytes.substr(3));
  } else if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    if (!Convert(bytes, bytes[0] == '\xFF' ? "utf-16le" : "utf-16be", out)) out.assign(bytes);
    if (out.starts_with("\xEF\xBB\xBF")) out.erase(0, 3);  // ICU keeps the BOM
  } else {
    std::string cs = AsciiLower(declared);
    if (cs.empty() && is_html) cs = SniffDeclaredCharset(bytes);
    if (cs.empty() || IsUtf8Name(cs)) {
      // Pages often declare UTF-8 and are not, or declare nothing: valid UTF-8 wins.
      if (IsValidUtf8(bytes)) return std::string(bytes);
      if (cs.empty()) cs = Guess(bytes);
    }
    if (cs.empty() || IsUtf8Name(cs) || cs == "ascii" || !Convert(bytes, cs, out)) out.assign(bytes);
  }
  if (size_t bad = RepairUtf8(out); bad > 0 && warnings) {
    warnings->push_back("invalid UTF-8: " + std::to_string(bad) + " bytes replaced by U+FFFD");
  }
  return out;
}

}  // namespace sitrep
