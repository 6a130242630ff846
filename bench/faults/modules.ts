/**
 * Hand-metered WAT Faaslets for the fault benchmarks and the chaos test: each declares the fuel
 * import and global of runtime/faaslet/fuel.ts and calls it as the metering pass will (charge,
 * and poll when the global drops below zero). They reach the state arena as memory 1.
 * Appends, pushes and pulls go to the global tier (runtime/host/appended-state.ts, global-tier.ts).
 */
import { assembleWat } from '../../runtime/toolchain/wat';

const HEADER = `
  (import "env" "memory" (memory 1 16 shared))
  (import "env" "state" (memory $state 1 32768 shared))
  (import "faaslet" "fuel" (func $fuel (param i32) (result i32)))
  (import "env" "__faasm_read_input" (func $input (param i32 i32) (result i32)))
  (import "env" "__faasm_read_state_ptr" (func $ptr (param i32 i32) (result i32)))
  (import "env" "__faasm_lock_state_write" (func $lock (param i32)))
  (import "env" "__faasm_unlock_state_write" (func $unlock (param i32)))
  (import "env" "__faasm_append_state" (func $append (param i32 i32 i32)))
  (import "env" "__faasm_flag_state_dirty" (func $dirty (param i32 i32)))
  (import "env" "__faasm_push_state" (func $push (param i32) (result i32)))
  (import "env" "__faasm_pull_state" (func $pull (param i32 i32) (result i32)))
  (global $left (export "__faaslet_fuel_left") (mut i32) (i32.const 100000))
  (data (i32.const 16) "counter\\00")
  (data (i32.const 32) "log\\00")
  (data (i32.const 40) "gvalue\\00")
  (func $burn (param $units i32)
    (global.set $left (i32.sub (global.get $left) (local.get $units)))
    (if (i32.lt_s (global.get $left) (i32.const 0))
      (then (global.set $left (call $fuel (global.get $left))))))
  ;; The input names the call's own key: copied to 64 and NUL-terminated.
  (func $ownKey (result i32)
    (local $n i32)
    (local.set $n (call $input (i32.const 64) (i32.const 48)))
    (i32.store8 (i32.add (i32.const 64) (local.get $n)) (i32.const 0))
    (local.get $n))
  ;; A state pointer as an offset in memory 1 (the shared window starts at 0x8000_0000).
  (func $at (param $key i32) (result i32)
    (i32.and (call $ptr (local.get $key) (i32.const 64)) (i32.const 0x7fffffff)))`;

/**
 * locker: ITER times, under "counter"'s write lock: read the counter, burn fuel (a kill may land
 * here, lock held), then write counter + 1 and its own progress + 1 with no poll between, so a
 * kill never separates them. Two holders at once lose an update: counter ≠ Σ progress.
 */
const locker = (iterations: number) => `(module ${HEADER}
  (func (export "_start")
    (local $i i32) (local $c i32) (local $p i32) (local $seen i32)
    (drop (call $ownKey))
    (local.set $c (call $at (i32.const 16)))
    (local.set $p (call $at (i32.const 64)))
    (loop $each
      (call $burn (i32.const 3000))
      (call $lock (i32.const 16))
      (local.set $seen (i32.load $state (local.get $c)))
      (call $burn (i32.const 40000))
      (i32.store $state (local.get $c) (i32.add (local.get $seen) (i32.const 1)))
      (i32.store $state (local.get $p) (i32.add (i32.load $state (local.get $p)) (i32.const 1)))
      (call $burn (i32.const 3000))
      (call $unlock (i32.const 16))
      (br_if $each (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const ${iterations}))))))`;

/** keys: COUNT times, create a new key (its name is the input and a letter) and append an 8-byte element [magic, j] to "log". */
const keys = (count: number) => `(module ${HEADER}
  (func (export "_start")
    (local $n i32) (local $j i32) (local $v i32)
    (local.set $n (call $ownKey))
    (i32.store8 (i32.add (i32.const 65) (local.get $n)) (i32.const 0))
    (loop $each
      (call $burn (i32.const 20000))
      (i32.store8 (i32.add (i32.const 64) (local.get $n)) (i32.add (i32.const 65) (local.get $j)))
      (local.set $v (call $at (i32.const 64)))
      (i32.store $state (local.get $v) (i32.const 0xC0FFEE))
      (call $burn (i32.const 20000))
      (i32.store (i32.const 8) (i32.const 0xC0FFEE))
      (i32.store (i32.const 12) (local.get $j))
      (call $append (i32.const 32) (i32.const 8) (i32.const 8))
      (br_if $each (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const ${count}))))))`;

/** spinner: counts up its own key for ever, one poll per 1000 units: the zombie of DESIGN.md, if a kill let it run. */
const spinner = `(module ${HEADER}
  (func (export "_start")
    (local $v i32)
    (drop (call $ownKey))
    (local.set $v (call $at (i32.const 64)))
    (loop $ever
      (call $burn (i32.const 1000))
      (i32.store $state (local.get $v) (i32.add (i32.load $state (local.get $v)) (i32.const 1)))
      (br $ever))))`;

/** The global value's size: pushers fill it with one byte, so a torn value shows two. */
export const GLOBAL_VALUE_BYTES = 4096;
export const GLOBAL_KEY = 'gvalue';
const PUSHES = 8;
const PULLS = 8;

/**
 * pusher: PUSHES times, fill its host's local "gvalue" with one byte (polls every 256 bytes, so a
 * kill can cut a fill, which is then never pushed), flag it dirty and push it. The byte comes
 * from the input's last two characters and the push's number, so successive versions differ.
 */
const pusher = `(module ${HEADER}
  (func (export "_start")
    (local $n i32) (local $p i32) (local $j i32) (local $k i32) (local $b i32)
    (local.set $n (call $ownKey))
    (local.set $p (i32.and (call $ptr (i32.const 40) (i32.const ${GLOBAL_VALUE_BYTES})) (i32.const 0x7fffffff)))
    (loop $each
      (local.set $b (i32.add
        (i32.add (i32.load8_u (i32.add (i32.const 63) (local.get $n)))
                 (i32.mul (i32.load8_u (i32.add (i32.const 62) (local.get $n))) (i32.const 10)))
        (i32.mul (local.get $j) (i32.const 3))))
      (local.set $k (i32.const 0))
      (loop $fill
        (if (i32.eqz (i32.and (local.get $k) (i32.const 255))) (then (call $burn (i32.const 2000))))
        (i32.store8 $state (i32.add (local.get $p) (local.get $k)) (local.get $b))
        (br_if $fill (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const ${GLOBAL_VALUE_BYTES}))))
      (call $dirty (i32.const 40) (i32.const ${GLOBAL_VALUE_BYTES}))
      (call $burn (i32.const 2000))
      (if (call $push (i32.const 40)) (then unreachable))
      (br_if $each (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const ${PUSHES}))))))`;

/**
 * puller: PULLS times, pull "gvalue" into its host's local tier and check every byte equals the
 * first (polls every 256 bytes); a torn version traps (unreachable), which the chaos run reports.
 * Its own key counts the whole versions it saw.
 */
const puller = `(module ${HEADER}
  (func (export "_start")
    (local $p i32) (local $own i32) (local $j i32) (local $k i32) (local $b i32)
    (drop (call $ownKey))
    (local.set $own (call $at (i32.const 64)))
    (loop $each
      (call $burn (i32.const 2000))
      (if (call $pull (i32.const 40) (i32.const ${GLOBAL_VALUE_BYTES})) (then unreachable))
      (local.set $p (i32.and (call $ptr (i32.const 40) (i32.const ${GLOBAL_VALUE_BYTES})) (i32.const 0x7fffffff)))
      (local.set $b (i32.load8_u $state (local.get $p)))
      (local.set $k (i32.const 1))
      (loop $check
        (if (i32.eqz (i32.and (local.get $k) (i32.const 255))) (then (call $burn (i32.const 2000))))
        (if (i32.ne (i32.load8_u $state (i32.add (local.get $p) (local.get $k))) (local.get $b)) (then unreachable))
        (br_if $check (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const ${GLOBAL_VALUE_BYTES}))))
      (i32.store $state (local.get $own) (i32.add (i32.load $state (local.get $own)) (i32.const 1)))
      (br_if $each (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const ${PULLS}))))))`;

export interface FaultModules {
  locker: WebAssembly.Module;
  keys: WebAssembly.Module;
  spinner: WebAssembly.Module;
  pusher: WebAssembly.Module;
  puller: WebAssembly.Module;
}

/** Locker iterations, keys (and appends) per call, and whole versions a finished puller saw. */
export const LOCKER_ITERATIONS = 500;
export const KEYS_PER_CALL = 20;
export const PULLS_PER_CALL = PULLS;

async function compile(wat: string): Promise<WebAssembly.Module> {
  const result = await assembleWat(wat);
  if (!result.wasm) throw new Error(result.log);
  return WebAssembly.compile(new Uint8Array(result.wasm));
}

export async function faultModules(): Promise<FaultModules> {
  const [l, k, s, push, pull] = await Promise.all(
    [locker(LOCKER_ITERATIONS), keys(KEYS_PER_CALL), spinner, pusher, puller].map(compile),
  );
  return { locker: l!, keys: k!, spinner: s!, pusher: push!, puller: pull! };
}

/** The WAT texts, for checking they assemble where the engine cannot run multi-memory (Node). */
export const faultWat = { locker: locker(LOCKER_ITERATIONS), keys: keys(KEYS_PER_CALL), spinner, pusher, puller };
