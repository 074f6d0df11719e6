#pragma once
// One convention for everything that can fail, in every layer: a function returns its value, or
// one line saying what went wrong and where ("cannot read points.csv: line 3: ..."). [[nodiscard]]
// so that a failure cannot be dropped by accident. Messages are made one line where they are born
// (one_line() for quoted user text); print_error() is the net at the terminal.
//
//   Result<std::unique_ptr<Thing>> make_thing();   a value or an error
//   Status save(const std::string& path);          nothing, or an error
//
//   auto thing = make_thing();
//   if (!thing) return Error{thing.error()};       or print it, show it, keep the old state
//   use(*thing);
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace losscape {

// What went wrong: one line naming the input and the problem.
struct Error {
  std::string message;
};

template <class T>
class [[nodiscard]] Result {
 public:
  // A value, or anything that converts to one (a unique_ptr to a derived class...); but no pointer
  // into a number, so `return "message";` from a Result<bool> does not compile as true. Implicit on
  // purpose (`return value;`), and it cannot hide the copy and move constructors: a Result is
  // excluded, which clang-tidy 14 does not read from a requires-clause.
  // NOLINTBEGIN(bugprone-forwarding-reference-overload)
  template <class U>
  requires(std::is_convertible_v<U&&, T> && !std::is_same_v<std::remove_cvref_t<U>, Error> &&
           !std::is_same_v<std::remove_cvref_t<U>, Result> &&
           !(std::is_pointer_v<std::decay_t<U>> && std::is_arithmetic_v<T>)) Result(U&& value)
      : state_(std::in_place_index<0>, std::forward<U>(value)) {}
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}
  // NOLINTEND(bugprone-forwarding-reference-overload)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // The value; only when ok().
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The message; empty when ok().
  const std::string& error() const {
    static const std::string none;
    return ok() ? none : std::get<1>(state_).message;
  }

 private:
  std::variant<T, Error> state_;
};

// Success with no value, or an error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error.message)), failed_(true) {}  // NOLINT: implicit on purpose

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const std::string& error() const { return error_; }  // empty when ok()

 private:
  std::string error_;
  bool failed_ = false;
};

}  // namespace losscape
