// The runner of the core's C++ tests.
//
//   cd_core_tests            run every case
//   cd_core_tests NAME...    run the named cases (ctest runs one per process)
//   cd_core_tests --list     print the names of the cases, one a line
//
// Exit status: 0 when every case run passed, 1 when one failed, 2 for an
// unknown case name or option.
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "check.hpp"

namespace cdtest {

std::vector<Case>& registry() {
  static std::vector<Case> cases;
  return cases;
}

namespace {
int failed_checks = 0;
}

void fail(const char* file, int line, const std::string& message) {
  ++failed_checks;
  std::fprintf(stderr, "%s:%d: failed: %s\n", file, line, message.c_str());
}

}  // namespace cdtest

int main(int argc, char** argv) {
  using cdtest::Case;
  const std::vector<Case>& cases = cdtest::registry();
  std::vector<const Case*> chosen;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "--list") {
      for (const Case& c : cases) std::printf("%s\n", c.name);
      return 0;
    }
    const Case* found = nullptr;
    for (const Case& c : cases)
      if (arg == c.name) found = &c;
    if (found == nullptr) {
      std::fprintf(stderr, "unknown test case or option: %s\n", arg.c_str());
      return 2;
    }
    chosen.push_back(found);
  }
  if (argc == 1)
    for (const Case& c : cases) chosen.push_back(&c);

  int failed_cases = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const Case* c : chosen) {
    const int failed_before = cdtest::failed_checks;
    std::printf("[ RUN  ] %s\n", c->name);
    std::fflush(stdout);
    try {
      c->run();
    } catch (const std::exception& error) {
      cdtest::fail(c->file, c->line, std::string("uncaught exception: ") + error.what());
    } catch (...) {
      cdtest::fail(c->file, c->line, "uncaught exception that is not a std::exception");
    }
    const bool passed = cdtest::failed_checks == failed_before;
    failed_cases += passed ? 0 : 1;
    std::printf("[ %s ] %s\n", passed ? " OK " : "FAIL", c->name);
    std::fflush(stdout);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu test case%s: %zu passed, %d failed (%.2f s)\n", chosen.size(),
              chosen.size() == 1 ? "" : "s",
              chosen.size() - static_cast<std::size_t>(failed_cases), failed_cases, seconds);
  return failed_cases == 0 ? 0 : 1;
}
