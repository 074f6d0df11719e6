#include "engine/core/formula/jit_x86.hpp"

#ifdef LOSSCAPE_HAVE_XBYAK
#include <xbyak/xbyak.h>
#include <xbyak/xbyak_util.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <vector>

namespace losscape::formula::jit {

bool cpu_runs_avx2() {
  static const bool runs = Xbyak::util::Cpu().has(Xbyak::util::Cpu::tAVX2);
  return runs;
}

bool cpu_runs_avx512() {
  static const bool runs = Xbyak::util::Cpu().has(Xbyak::util::Cpu::tAVX512F);
  return runs;
}

namespace {

// Limits past which the interpreter runs instead: machine code and stack per kernel.
constexpr std::size_t kMaxLaneInstructions = 20000;
// Bytes of machine code an instruction may take: the longest sequence (sign) with a spill is under
// 80; a call also stores every register (under 12 bytes each) and copies its operands.
constexpr std::size_t kMaxCodeBytesPerInstruction = 128, kMaxCodeBytesPerCall = 32 * 12 + 256;
// The spill frame is taken in one `sub rsp`, with no page-by-page probe as compilers emit for big
// frames (-fstack-clash-protection): so it is kept to a few pages, far less than what a thread
// calling a cost function has left (the engine calls it from shallow stacks); a formula that
// needs more runs in the interpreter, whose registers are on the heap.
constexpr std::size_t kMaxSpillBytes = 16 * 1024;
constexpr int kLine = 64;  // bytes of a cache line

// vcmppd's predicates (ordered, quiet: false where either operand is NaN, as C++'s < <= >= >).
constexpr std::uint8_t kLessOrdered = 0x11, kLessEqualOrdered = 0x12, kGreaterEqualOrdered = 0x1D,
                       kGreaterOrdered = 0x1E;

// A call from a kernel (LaneOp::call): where its operands and results are in the kernel's stack
// frame, as byte offsets.
struct CallSite {
  Op function;
  double exponent;
  int width;
  int source[LaneInstruction::kMaxSources];  // -1: none (a unary function's second operand)
  int result[3];
};

// The kernel's call: apply_rule() at every lane, reading and writing the frame.
void call_rule(const CallSite* site, std::byte* frame) {
  for (int k = 0; k < site->width; ++k) {
    const auto lane = [&](int offset) { return reinterpret_cast<double*>(frame + offset) + k; };
    const auto read = [&](int offset) { return offset < 0 ? 0.0 : *lane(offset); };
    const ad::Dual1 r = apply_rule(site->function, site->exponent,
                                   {read(site->source[0]), read(site->source[1]), read(site->source[2])},
                                   {read(site->source[3]), read(site->source[4]), read(site->source[5])});
    *lane(site->result[0]) = r.v;
    *lane(site->result[1]) = r.gx;
    *lane(site->result[2]) = r.gy;
  }
}

// Where a value is while the kernel runs.
struct Place {
  enum Kind { nowhere, table, reg, stack } kind = nowhere;
  int index = -1;  // table slot, register or stack slot
};

class KernelEmitter : public Xbyak::CodeGenerator {
 public:
  KernelEmitter(const LaneProgram& lanes, std::size_t width)
      : Xbyak::CodeGenerator(code_bytes(lanes), Xbyak::DontSetProtectRWE),
        lanes_(lanes),
        wide_(width == 8),
        vector_bytes_(static_cast<int>(width * sizeof(double))),
        allocatable_(wide_ ? 29 : 13),  // of 32 zmm or 16 ymm: the rest are scratch(0..2)
        places_(lanes.values.size()),
        uses_(lanes.values.size()),
        next_use_(lanes.values.size(), 0),
        holder_(static_cast<std::size_t>(allocatable_), -1) {
    for (std::size_t v = 0; v < lanes.values.size(); ++v) {
      if (lanes.values[v].table_slot >= 0) places_[v] = {Place::table, lanes.values[v].table_slot};
    }
    for (std::size_t p = 0; p < lanes.code.size(); ++p) {
      const LaneInstruction& in = lanes.code[p];
      for (int k = 0; k < in.source_count(); ++k)
        uses_[static_cast<std::size_t>(in.source[k])].push_back(static_cast<int>(p));
    }
  }

  void emit() {
    // Arguments and loop state in callee-saved registers: rbx the arguments, rbp the byte offset
    // of the current vector, r12 the end offset, r13 the table, r14 x, r15 y.
    for (const auto& r : saved()) push(r);
    mov(rbx, rdi);
    mov(r12, qword[rbx + offsetof(KernelArgs, vectors)]);
    imul(r12, r12, vector_bytes_);
    mov(r13, qword[rbx + offsetof(KernelArgs, table)]);
    mov(r14, qword[rbx + offsetof(KernelArgs, x)]);
    mov(r15, qword[rbx + offsetof(KernelArgs, y)]);
    xor_(ebp, ebp);
    // The frame on a cache line (a spilled vector across two lines costs two reads), the
    // caller's rsp at its start, the stack slots after it.
    mov(rax, rsp);
    and_(rsp, -kLine);
    sub(rsp, 0x10000000);  // the frame's bytes, written in below once known
    const std::size_t frame_at = getSize() - 4;
    mov(qword[rsp], rax);
    Xbyak::Label loop, done;
    test(r12, r12);
    jz(done, T_NEAR);
    L(loop);
    for (std::size_t p = 0; p < lanes_.code.size(); ++p) instruction(static_cast<int>(p));
    add(rbp, vector_bytes_);
    cmp(rbp, r12);
    jb(loop, T_NEAR);
    L(done);
    const std::size_t frame = slot_offset(static_cast<int>(stack_slots_));  // a multiple of 32: rsp aligned for calls
    if (frame > kMaxSpillBytes) throw std::bad_alloc();
    rewrite(frame_at, frame, 4);
    mov(rsp, qword[rsp]);
    vzeroupper();
    for (std::size_t i = saved().size(); i-- > 0;) pop(saved()[i]);
    ret();
    ready();             // labels resolved (throws where one is not)
    setProtectModeRE();  // then read and execute only (ready() protects only AutoGrow buffers)
  }

  std::size_t stack_slots() const { return stack_slots_; }

 private:
  // Room for the code (xbyak throws past it, and the interpreter runs).
  static std::size_t code_bytes(const LaneProgram& lanes) {
    const auto calls = static_cast<std::size_t>(std::count_if(
        lanes.code.begin(), lanes.code.end(), [](const LaneInstruction& in) { return in.op == LaneOp::call; }));
    return 4096 + lanes.code.size() * kMaxCodeBytesPerInstruction + calls * kMaxCodeBytesPerCall;
  }

  static const std::vector<Xbyak::Reg64>& saved() {
    static const std::vector<Xbyak::Reg64> regs{Xbyak::util::rbx, Xbyak::util::rbp, Xbyak::util::r12,
                                                Xbyak::util::r13, Xbyak::util::r14, Xbyak::util::r15};
    return regs;
  }

  Xbyak::Xmm vec(int i) const { return wide_ ? Xbyak::Xmm(Xbyak::Zmm(i)) : Xbyak::Xmm(Xbyak::Ymm(i)); }
  // Three registers past the allocatable ones, for operands that must be in a register.
  Xbyak::Xmm scratch(int k) const { return vec(allocatable_ + k); }
  Xbyak::Address table_at(int slot) const { return ptr[r13 + slot * vector_bytes_]; }
  // Stack slot `slot`: its offset in the frame, and its memory.
  int slot_offset(int slot) const { return kLine + slot * vector_bytes_; }
  Xbyak::Address stack_at(int slot) const { return ptr[rsp + slot_offset(slot)]; }

  const Place& place(int value) const { return places_[static_cast<std::size_t>(value)]; }

  // Calls use(operand) with the value's register or memory.
  template <class Use>
  void with_operand(int value, Use use) {
    const Place& at = place(value);
    if (at.kind == Place::reg) use(vec(at.index));
    else if (at.kind == Place::table) use(table_at(at.index));
    else use(stack_at(at.index));
  }
  // The value in a register: its own, or scratch register k loaded with it.
  Xbyak::Xmm in_register(int value, int k) {
    if (place(value).kind == Place::reg) return vec(place(value).index);
    with_operand(value, [&](const Xbyak::Operand& m) { vmovupd(scratch(k), m); });
    return scratch(k);
  }

  // a + b and a * b with the operand in a register first, the other maybe in memory: the same
  // numbers either way round (only which NaN's payload comes out may differ), and no load into
  // a scratch register where one of them is in a register.
  template <class Emit>
  void commutative(int a, int b, Emit emit) {
    if (place(a).kind != Place::reg && place(b).kind == Place::reg) std::swap(a, b);
    with_operand(b, [&, x = in_register(a, 0)](const auto& y) { emit(x, y); });
  }

  int next_use(int value, int after) {
    const auto& u = uses_[static_cast<std::size_t>(value)];
    std::size_t& i = next_use_[static_cast<std::size_t>(value)];
    while (i < u.size() && u[i] <= after) ++i;
    return i < u.size() ? u[i] : std::numeric_limits<int>::max();
  }
  bool last_use(int value, int p) const { return uses_[static_cast<std::size_t>(value)].back() == p; }

  // A register for instruction p's result: a free one, or the one whose value is used farthest
  // ahead (Belady), which goes to a stack slot; never one of p's operands.
  int allocate(int p, const LaneInstruction& in) {
    for (int r = 0; r < allocatable_; ++r) {
      if (holder_[static_cast<std::size_t>(r)] < 0) return r;
    }
    int victim = -1, farthest = -1;
    for (int r = 0; r < allocatable_; ++r) {
      const int value = holder_[static_cast<std::size_t>(r)];
      if (std::find(in.source, in.source + LaneInstruction::kMaxSources, value) !=
          in.source + LaneInstruction::kMaxSources) {
        continue;
      }
      const int next = next_use(value, p);
      if (next > farthest) farthest = next, victim = r;
    }
    if (victim < 0) throw std::bad_alloc();  // cannot happen: at most 4 operands, 13 or 29 registers
    const int value = holder_[static_cast<std::size_t>(victim)];
    const int slot = stack_slot();
    vmovupd(stack_at(slot), vec(victim));
    places_[static_cast<std::size_t>(value)] = {Place::stack, slot};
    return victim;
  }
  int stack_slot() {
    if (!free_slots_.empty()) {
      const int slot = free_slots_.back();
      free_slots_.pop_back();
      return slot;
    }
    return static_cast<int>(stack_slots_++);
  }

  void instruction(int p) {
    const LaneInstruction& in = lanes_.code[static_cast<std::size_t>(p)];
    if (in.op == LaneOp::call) {
      call_out(p, in);
      return;
    }
    const int n = in.source_count();
    // Operands used for the last time give up their registers first (the result may take one:
    // every sequence below reads its operands before it writes the result); their stack slots
    // only after the instruction, which still reads them.
    std::vector<int> dying;
    for (int k = 0; k < n; ++k) {
      const int s = in.source[k];
      if (last_use(s, p) && std::find(dying.begin(), dying.end(), s) == dying.end()) dying.push_back(s);
    }
    for (const int s : dying) {
      if (place(s).kind == Place::reg) holder_[static_cast<std::size_t>(place(s).index)] = -1;
    }
    int r = -1;
    if (in.result >= 0) {
      r = allocate(p, in);
      holder_[static_cast<std::size_t>(r)] = in.result;
      places_[static_cast<std::size_t>(in.result)] = {Place::reg, r};
    }
    operation(in, r >= 0 ? vec(r) : scratch(0));
    for (const int s : dying) {
      if (place(s).kind == Place::stack) free_slots_.push_back(place(s).index);
      places_[static_cast<std::size_t>(s)] = {};
    }
  }

  // Every vector register is the callee's to change (System V), so every value in one goes to
  // the stack first, and stays there; the operands are copied to stack slots the function reads,
  // and its results are written to stack slots, where they stay.
  void call_out(int p, const LaneInstruction& in) {
    for (int r = 0; r < allocatable_; ++r) {
      const int value = holder_[static_cast<std::size_t>(r)];
      if (value < 0) continue;
      const int slot = stack_slot();
      vmovupd(stack_at(slot), vec(r));
      places_[static_cast<std::size_t>(value)] = {Place::stack, slot};
      holder_[static_cast<std::size_t>(r)] = -1;
    }
    auto site =
        std::make_unique<CallSite>(CallSite{in.function, in.constant, wide_ ? 8 : 4, {-1, -1, -1, -1, -1, -1}, {}});
    std::vector<int> copied;  // table values' temporary slots
    for (int k = 0; k < in.source_count(); ++k) {
      const int value = in.source[k];
      int slot = place(value).index;
      if (place(value).kind == Place::table) {
        slot = stack_slot();
        copied.push_back(slot);
        vmovupd(stack_at(slot), in_register(value, 0));
      }
      site->source[k] = slot_offset(slot);
    }
    for (int k = 0; k < 3; ++k) {
      const int slot = stack_slot();
      places_[static_cast<std::size_t>(in.result + k)] = {Place::stack, slot};
      site->result[k] = slot_offset(slot);
    }
    vzeroupper();
    mov(rdi, reinterpret_cast<std::uintptr_t>(site.get()));
    mov(rsi, rsp);
    mov(rax, reinterpret_cast<std::uintptr_t>(&call_rule));
    call(rax);
    sites_.push_back(std::move(site));
    free_slots_.insert(free_slots_.end(), copied.begin(), copied.end());
    for (int k = 0; k < in.source_count(); ++k) {
      const int s = in.source[k];
      if (last_use(s, p) && place(s).kind == Place::stack) {
        free_slots_.push_back(place(s).index);
        places_[static_cast<std::size_t>(s)] = {};
      }
    }
  }

  void operation(const LaneInstruction& in, const Xbyak::Xmm& out) {
    const int a = in.source[0], b = in.source[1];
    switch (in.op) {
      case LaneOp::load_x: vmovupd(out, ptr[r14 + rbp]); break;
      case LaneOp::load_y: vmovupd(out, ptr[r15 + rbp]); break;
      case LaneOp::add: commutative(a, b, [&](const Xbyak::Xmm& x, const auto& y) { vaddpd(out, x, y); }); break;
      case LaneOp::sub: with_operand(b, [&, x = in_register(a, 0)](const auto& y) { vsubpd(out, x, y); }); break;
      case LaneOp::mul: commutative(a, b, [&](const Xbyak::Xmm& x, const auto& y) { vmulpd(out, x, y); }); break;
      case LaneOp::div: with_operand(b, [&, x = in_register(a, 0)](const auto& y) { vdivpd(out, x, y); }); break;
      case LaneOp::neg:
        if (wide_) vpxorq(out, in_register(a, 0), table_at(lanes_.sign_mask_slot));
        else vxorpd(out, in_register(a, 0), table_at(lanes_.sign_mask_slot));
        break;
      case LaneOp::abs:
        if (wide_) vpandq(out, in_register(a, 0), table_at(lanes_.abs_mask_slot));
        else vandpd(out, in_register(a, 0), table_at(lanes_.abs_mask_slot));
        break;
      case LaneOp::sqrt: with_operand(a, [&](const auto& x) { vsqrtpd(out, x); }); break;
      case LaneOp::sign: sign(out, in_register(a, 0)); break;
      case LaneOp::pick_le:
      case LaneOp::pick_ge: pick(in, out); break;
      case LaneOp::store_f: store(offsetof(KernelArgs, f), a); break;
      case LaneOp::store_gx: store(offsetof(KernelArgs, gx), a); break;
      case LaneOp::store_gy: store(offsetof(KernelArgs, gy), a); break;
      case LaneOp::call: break;  // call_out()
    }
  }

  // 1 where x > 0, -1 where x < 0, else +0.
  void sign(const Xbyak::Xmm& out, const Xbyak::Xmm& x) {
    const Xbyak::Address zero = table_at(lanes_.zero_slot), one = table_at(lanes_.one_slot),
                         minus_one = table_at(lanes_.minus_one_slot);
    if (wide_) {
      vcmppd(k1, x, zero, kGreaterOrdered);
      vcmppd(k2, x, zero, kLessOrdered);
      vmovupd(out, zero);
      vmovupd(out | k1, one);
      vmovupd(out | k2, minus_one);
      return;
    }
    vcmppd(scratch(1), x, zero, kGreaterOrdered);
    vandpd(scratch(1), scratch(1), one);
    vcmppd(scratch(2), x, zero, kLessOrdered);
    vandpd(scratch(2), scratch(2), minus_one);
    vorpd(out, scratch(1), scratch(2));
  }

  // source[0] <= (>=) source[1] ? source[2] : source[3].
  void pick(const LaneInstruction& in, const Xbyak::Xmm& out) {
    const std::uint8_t predicate = in.op == LaneOp::pick_le ? kLessEqualOrdered : kGreaterEqualOrdered;
    const Xbyak::Xmm x = in_register(in.source[0], 0);
    if (wide_) {
      with_operand(in.source[1], [&](const auto& y) { vcmppd(k1, x, y, predicate); });
      const Xbyak::Xmm otherwise = in_register(in.source[3], 1);
      with_operand(in.source[2], [&](const auto& then) { vblendmpd(out | k1, otherwise, then); });
      return;
    }
    with_operand(in.source[1], [&](const auto& y) { vcmppd(scratch(2), x, y, predicate); });
    const Xbyak::Xmm otherwise = in_register(in.source[3], 1);
    with_operand(in.source[2], [&](const auto& then) { vblendvpd(out, otherwise, then, scratch(2)); });
  }

  void store(std::size_t output, int value) {
    mov(rax, qword[rbx + output]);
    vmovupd(ptr[rax + rbp], in_register(value, 0));
  }

  const LaneProgram& lanes_;
  bool wide_;
  int vector_bytes_;
  int allocatable_;
  std::vector<Place> places_;
  std::vector<std::vector<int>> uses_;  // each value's instructions, in order
  std::vector<std::size_t> next_use_;   // into uses_: the first not yet passed
  std::vector<int> holder_;             // each allocatable register's value, or -1
  std::vector<int> free_slots_;
  std::size_t stack_slots_ = 0;
  std::vector<std::unique_ptr<CallSite>> sites_;  // what the calls read: kept with the code
};

class X86Code final : public MachineCode {
 public:
  explicit X86Code(std::unique_ptr<KernelEmitter> emitter)
      : emitter_(std::move(emitter)),
        function_(emitter_->getCode<void (*)(const KernelArgs*)>()),
        slots_(emitter_->stack_slots()) {}
  void run(const KernelArgs& args) const override { function_(&args); }
  std::size_t bytes() const override { return emitter_->getSize(); }
  std::size_t spill_slots() const override { return slots_; }

 private:
  std::unique_ptr<KernelEmitter> emitter_;
  void (*function_)(const KernelArgs*);
  std::size_t slots_;
};

}  // namespace

std::unique_ptr<MachineCode> emit_x86(const LaneProgram& lanes, std::size_t width) {
  if (lanes.code.size() > kMaxLaneInstructions) return nullptr;
  if (width == 8 ? !cpu_runs_avx512() : width == 4 ? !cpu_runs_avx2() : true) return nullptr;
  try {
    auto emitter = std::make_unique<KernelEmitter>(lanes, width);
    emitter->emit();
    return std::make_unique<X86Code>(std::move(emitter));
  } catch (const std::exception&) {  // Xbyak::Error, bad_alloc: the interpreter runs instead
    return nullptr;
  }
}

}  // namespace losscape::formula::jit

#else  // no xbyak: never a kernel

namespace losscape::formula::jit {
bool cpu_runs_avx2() { return false; }
bool cpu_runs_avx512() { return false; }
std::unique_ptr<MachineCode> emit_x86(const LaneProgram&, std::size_t) { return nullptr; }
}  // namespace losscape::formula::jit

#endif
