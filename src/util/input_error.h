// The error every reader throws for input it cannot read: a file as a whole, or one
// record in it. The message names the reason; the caller adds the file name.
#pragma once

#include <stdexcept>

namespace sitrep {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sitrep
