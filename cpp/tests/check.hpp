// A small test runner for the core on its own: no framework to install, so
// that the C++ tests build wherever the core builds (and under sanitizers).
//
//   TEST_CASE(name) { CHECK(...); CHECK_EQ(a, b); ... }
//
// A failed check prints file:line and the values, and the case goes on (one
// run shows every failed check); the runner exits non-zero if any failed.
// An exception that escapes a case fails it too. CMake reads the
// TEST_CASE(name) lines of the sources (at the start of a line) to register
// one ctest test per case, so a case is always written that way.
#pragma once

#include <cmath>
#include <cstring>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

namespace cdtest {

using CaseFunction = void (*)();

struct Case {
  const char* name;
  CaseFunction run;
  const char* file;
  int line;
};

// Every case of the program, in registration order.
std::vector<Case>& registry();

// Records a failed check of the running case.
void fail(const char* file, int line, const std::string& message);

struct Registration {
  Registration(const char* name, CaseFunction run, const char* file, int line) {
    registry().push_back(Case{name, run, file, line});
  }
};

// A value as a failed check prints it: doubles with every digit that tells
// them apart (17 significant digits).
template <class T>
std::string show(const T& x) {
  std::ostringstream text;
  text.precision(17);
  text << x;
  return text.str();
}
inline std::string show(bool x) { return x ? "true" : "false"; }

// Equal bits, or both NaN. NaN payloads are not compared: whether a NaN
// comes out of a vector or a scalar instruction may change which operand's
// payload it carries, and no result depends on a payload.
inline bool same_value(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// |actual - expected| <= relative * |expected| (exact equality for 0 and
// infinities; never for NaN).
inline bool close(double actual, double expected, double relative) {
  if (actual == expected) return true;
  return std::fabs(actual - expected) <= relative * std::fabs(expected);
}

}  // namespace cdtest

#define CD_TEST_CONCAT_(a, b) a##b
#define CD_TEST_CONCAT(a, b) CD_TEST_CONCAT_(a, b)

#define TEST_CASE(name)                                                              \
  static void name();                                                                \
  static const ::cdtest::Registration CD_TEST_CONCAT(registration_of_, name)(        \
      #name, &name, __FILE__, __LINE__);                                             \
  static void name()

#define CHECK(condition)                                                             \
  do {                                                                               \
    if (!(condition)) ::cdtest::fail(__FILE__, __LINE__, "CHECK(" #condition ")");   \
  } while (0)

#define CHECK_EQ(actual, expected)                                                   \
  do {                                                                               \
    const auto cd_actual = (actual);                                                 \
    const auto cd_expected = (expected);                                             \
    if (!(cd_actual == cd_expected))                                                 \
      ::cdtest::fail(__FILE__, __LINE__,                                             \
                     "CHECK_EQ(" #actual ", " #expected "): " +                      \
                         ::cdtest::show(cd_actual) + " != " + ::cdtest::show(cd_expected)); \
  } while (0)

// Same bits (or both NaN): for results that must not depend on how the
// work was cut (threads, chunks, blocks, strides).
#define CHECK_SAME(actual, expected)                                                 \
  do {                                                                               \
    const double cd_actual = (actual);                                               \
    const double cd_expected = (expected);                                           \
    if (!::cdtest::same_value(cd_actual, cd_expected))                               \
      ::cdtest::fail(__FILE__, __LINE__,                                             \
                     "CHECK_SAME(" #actual ", " #expected "): " +                    \
                         ::cdtest::show(cd_actual) + " is not " +                    \
                         ::cdtest::show(cd_expected));                               \
  } while (0)

// Within a relative tolerance of a value worked out by hand.
#define CHECK_CLOSE(actual, expected, relative)                                      \
  do {                                                                               \
    const double cd_actual = (actual);                                               \
    const double cd_expected = (expected);                                           \
    if (!::cdtest::close(cd_actual, cd_expected, (relative)))                        \
      ::cdtest::fail(__FILE__, __LINE__,                                             \
                     "CHECK_CLOSE(" #actual ", " #expected ", " #relative "): " +    \
                         ::cdtest::show(cd_actual) + " vs " +                        \
                         ::cdtest::show(cd_expected));                               \
  } while (0)

// `statement` throws `Exception` (or a type derived from it).
#define CHECK_THROWS(Exception, statement)                                           \
  do {                                                                               \
    bool cd_thrown = false;                                                          \
    std::string cd_other;                                                            \
    try {                                                                            \
      statement;                                                                     \
    } catch (const Exception&) {                                                     \
      cd_thrown = true;                                                              \
    } catch (const std::exception& error) {                                          \
      cd_other = std::string(": threw another exception: ") + error.what();          \
    } catch (...) {                                                                  \
      cd_other = ": threw something that is not a std::exception";                   \
    }                                                                                \
    if (!cd_thrown)                                                                  \
      ::cdtest::fail(__FILE__, __LINE__,                                             \
                     "CHECK_THROWS(" #Exception ", " #statement ")" +                \
                         (cd_other.empty() ? std::string(": nothing thrown") : cd_other)); \
  } while (0)
