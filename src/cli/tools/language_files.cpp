// cli/tools/language_files.cpp: a build step, not part of bprop. Prints the page's table file for one language
// (state/language_file.h) from its compiled table: `language_files ko > www/lang/ko.json`. Exit code 2, with a
// message on stderr, for a code that is not a language with a table.
#include "content/i18n.h"
#include "state/language_file.h"

#include <cstdio>
#include <string>
#include <string_view>

int main(int argc, char** argv) {
  const std::string_view code = argc == 2 ? argv[1] : "";
  for (size_t i = 1; i < pg::kLanguages.size(); ++i)
    if (pg::kLanguages[i].code == code) {
      const std::string text = pg::write_language_file(pg::kLanguages[i]);
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fputc('\n', stdout);
      return 0;
    }
  std::fprintf(stderr, "usage: language_files <code>: the code of a language other than English (");
  for (size_t i = 1; i < pg::kLanguages.size(); ++i)
    std::fprintf(stderr, "%s%.*s", i > 1 ? ", " : "", int(pg::kLanguages[i].code.size()), pg::kLanguages[i].code.data());
  std::fprintf(stderr, ")\n");
  return 2;
}
