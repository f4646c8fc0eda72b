// For tests only: a fresh schema of its own on the PostgreSQL server that env
// SITREP_TEST_POSTGRES names (a libpq URI), dropped at the end, so tests run in parallel.
// Without the variable or without a server that answers, tests skip with the reason; with
// SITREP_REQUIRE_POSTGRES=1 (as in CI) they fail instead.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

namespace sitrep {

class TestPostgres {
 public:
  explicit TestPostgres(const std::string& name) {
    const char* env = std::getenv("SITREP_REQUIRE_POSTGRES");
    required_ = env && std::string(env) == "1";
    const char* base = std::getenv("SITREP_TEST_POSTGRES");
    if (!base || !*base) {
      why_ = "no PostgreSQL server for this test: set SITREP_TEST_POSTGRES "
             "(scripts/start-postgres prints one)";
      return;
    }
    base_ = base;
    static std::atomic<int> counter{0};
    schema_ = "t";
    for (char c : name.substr(0, 30))
      schema_ += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    schema_ += "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    admin_ = PQconnectdb(base_.c_str());
    if (PQstatus(admin_) != CONNECTION_OK) {
      why_ = "PostgreSQL server of SITREP_TEST_POSTGRES does not answer: " +
             std::string(PQerrorMessage(admin_));
      return;
    }
    PQsetNoticeProcessor(admin_, [](void*, const char*) {}, nullptr);
    if (!Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_)) {
      why_ = "cannot make a test schema: " + std::string(PQerrorMessage(admin_));
      return;
    }
    spec_ = base_ + (base_.find('?') == std::string::npos ? "?" : "&") +
            "options=-csearch_path%3D" + schema_;
  }
  ~TestPostgres() {
    if (!spec_.empty()) Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    if (admin_) PQfinish(admin_);
  }
  TestPostgres(const TestPostgres&) = delete;

  // The store spec for the test's schema; empty when there is no server (see why()).
  const std::string& spec() const { return spec_; }
  const std::string& schema() const { return schema_; }
  const std::string& why() const { return why_; }
  bool required() const { return required_; }
  // Runs SQL in the test's schema (to damage it on purpose); false on an error.
  bool Exec(const std::string& sql) {
    std::string full = schema_.empty() || spec_.empty() ? sql : "SET search_path = " + schema_ + "; " + sql;
    PGresult* r = PQexec(admin_, full.c_str());
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    PQclear(r);
    return ok;
  }

 private:
  std::string base_, schema_, spec_, why_;
  bool required_ = false;
  PGconn* admin_ = nullptr;
};

// In a test body or SetUp: skips (or, when required, fails) when `pg` has no server.
#define SITREP_NEED_POSTGRES(pg)                   \
  do {                                             \
    if ((pg).spec().empty()) {                     \
      if ((pg).required()) FAIL() << (pg).why();   \
      GTEST_SKIP() << (pg).why();                  \
    }                                              \
  } while (0)

}  // namespace sitrep
