// Shared by `ingest` and `report`, which both ingest: the flags and the summary line.
#pragma once

#include <CLI/CLI.hpp>

#include "pipeline/ingest_job.h"

namespace sitrep::cli {

void AddIngestFlags(CLI::App& cmd, IngestOptions& opt);
// One line on stderr, or a JSON object on stdout.
void PrintIngestSummary(const IngestStats& s, bool json);

}  // namespace sitrep::cli
