;; The error scan's first pass (error-scan.ts says what a candidate is and why it misses no error line).
;; Assembled by apps/logs/scripts/error-scan-wasm.ts into error-scan-wasm.ts; edit this, then run that script.
;;
;; Candidates are found 16 positions at a time, as Hyperscan's Teddy does: each of the first three bytes of a
;; position, folded to lower case (| 0x20), is looked up by its two halves in per-position tables whose bit i says
;; "this byte can be byte k of trigram i"; ANDing the three gives, per position, the trigrams that start there.
;; Trigrams (bit): err 0, fat 1, cri 2, ale 3, eme 4, pan 5, sev 6 (the error words), vel 7 (a level key).
;; The tables below encode that list (error-scan.test.ts checks every trigram in every case against them).
(module
  (memory (export "memory") 1)
  ;; Bytes 0..15 hold the trigram bits of the block being looked at, lane by lane; the data starts at 64.
  (global $lanes i32 (i32.const 0))

  ;; Whether the level key whose `vel` is at $q may hold a number of 50 or more: after `=` or `":`, spaces and
  ;; quotes skipped, a digit 0 or 5-9, or the region ends first.
  (func $numeric (param $q i32) (param $to i32) (result i32)
    (local $k i32) (local $c i32)
    (local.set $c (i32.load8_u offset=3 (local.get $q)))
    (if (i32.eq (local.get $c) (i32.const 0x3d))
      (then (local.set $k (i32.add (local.get $q) (i32.const 4))))
      (else
        (if (i32.and (i32.eq (local.get $c) (i32.const 0x22))
                     (i32.eq (i32.load8_u offset=4 (local.get $q)) (i32.const 0x3a)))
          (then (local.set $k (i32.add (local.get $q) (i32.const 5))))
          (else (return (i32.const 0))))))
    (block $end
      (loop $skip
        (br_if $end (i32.ge_u (local.get $k) (local.get $to)))
        (local.set $c (i32.load8_u (local.get $k)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 0x20)) (i32.eq (local.get $c) (i32.const 0x22)))
          (then (local.set $k (i32.add (local.get $k) (i32.const 1))) (br $skip)))
        (return (i32.or (i32.eq (local.get $c) (i32.const 0x30))
                        (i32.le_u (i32.sub (local.get $c) (i32.const 0x35)) (i32.const 4))))))
    (i32.const 1))

  ;; The first position in [$from, $to) where an error word's trigram starts, or a level key that may hold a
  ;; number of 50 or more; $to when there is none. Reads up to 18 bytes past $to.
  (func (export "scan") (param $from i32) (param $to i32) (result i32)
    (local $p i32) (local $l v128) (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m v128)
    (local $bits i32) (local $lane i32) (local $q i32)
    (local.set $p (local.get $from))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $to)))
        (local.set $l (v128.or (v128.load (local.get $p)) (i8x16.splat (i32.const 0x20))))
        (local.set $m0 (v128.and
          (i8x16.swizzle (v128.const i8x16 32 8 0 68 0 17 -126 0 0 0 0 0 0 0 0 0) (v128.and (local.get $l) (i8x16.splat (i32.const 0x0f))))
          (i8x16.swizzle (v128.const i8x16 0 0 0 0 0 0 31 -32 0 0 0 0 0 0 0 0) (i8x16.shr_u (local.get $l) (i32.const 4)))))
        (local.set $l (v128.or (v128.load offset=1 (local.get $p)) (i8x16.splat (i32.const 0x20))))
        (local.set $m1 (v128.and
          (i8x16.swizzle (v128.const i8x16 0 34 5 0 0 -64 0 0 0 0 0 0 8 16 0 0) (v128.and (local.get $l) (i8x16.splat (i32.const 0x0f))))
          (i8x16.swizzle (v128.const i8x16 0 0 0 0 0 0 -6 5 0 0 0 0 0 0 0 0) (i8x16.shr_u (local.get $l) (i32.const 4)))))
        (local.set $l (v128.or (v128.load offset=2 (local.get $p)) (i8x16.splat (i32.const 0x20))))
        (local.set $m2 (v128.and
          (i8x16.swizzle (v128.const i8x16 0 0 1 0 2 24 64 0 0 4 0 0 -128 0 32 0) (v128.and (local.get $l) (i8x16.splat (i32.const 0x0f))))
          (i8x16.swizzle (v128.const i8x16 0 0 0 0 0 0 -68 67 0 0 0 0 0 0 0 0) (i8x16.shr_u (local.get $l) (i32.const 4)))))
        (local.set $m (v128.and (local.get $m0) (v128.and (local.get $m1) (local.get $m2))))
        (if (v128.any_true (local.get $m))
          (then
            (v128.store (global.get $lanes) (local.get $m))
            (local.set $bits (i8x16.bitmask (i8x16.ne (local.get $m) (v128.const i64x2 0 0))))
            (loop $each
              (if (local.get $bits)
                (then
                  (local.set $lane (i32.ctz (local.get $bits)))
                  (local.set $q (i32.add (local.get $p) (local.get $lane)))
                  (if (i32.ge_u (local.get $q) (local.get $to)) (then (return (local.get $to))))
                  (if (i32.and (i32.load8_u (i32.add (global.get $lanes) (local.get $lane))) (i32.const 0x7f))
                    (then (return (local.get $q))))
                  (if (call $numeric (local.get $q) (local.get $to)) (then (return (local.get $q))))
                  (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
                  (br $each))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (local.get $to))

  ;; How many newlines [$from, $to) holds.
  (func (export "newlines") (param $from i32) (param $to i32) (result i32)
    (local $p i32) (local $n i32)
    (local.set $p (local.get $from))
    (block $tail
      (loop $blocks
        (br_if $tail (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $to)))
        (local.set $n (i32.add (local.get $n) (i32.popcnt (i8x16.bitmask
          (i8x16.eq (v128.load (local.get $p)) (i8x16.splat (i32.const 0x0a)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $p) (local.get $to)))
        (local.set $n (i32.add (local.get $n) (i32.eq (i32.load8_u (local.get $p)) (i32.const 0x0a))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $bytes)))
    (local.get $n))
)
