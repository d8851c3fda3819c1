# Scale Lab, English: every message of the app chrome. The other catalogs (es.ftl, zh.ftl) have the same keys
# (tests/tidy.rs checks it) plus the translated lessons and challenges, which in English come from the core.

## Language switch
lang-label = Language

## Top bar
new-system-name = New system
topbar-scenario = Scenario
topbar-own-design = Your own design
topbar-preset-title = Load a built-in scenario
topbar-new = New
topbar-new-title = Start from an empty canvas
topbar-undo = Undo
topbar-undo-title = Undo (Ctrl+Z)
topbar-redo = Redo
topbar-redo-title = Redo (Ctrl+Shift+Z)
topbar-run-group = Run
topbar-run = Run
topbar-resume = Resume
topbar-run-title = Run (R)
topbar-pause = Pause
topbar-pause-title = Pause (R)
topbar-step = Step
topbar-step-title = Advance one second of sim time
topbar-reset = Reset
topbar-reset-title = Back to time zero
topbar-speed = Speed
topbar-speed-title = Speed: sim seconds per real second
topbar-of-duration = { " " }/ { $seconds } s
topbar-behind = simulation behind real time
topbar-behind-title = The browser cannot simulate this many requests per second at this speed; sim time runs slower than the speed setting.
topbar-finished = finished
topbar-share-group = Share
topbar-chapter = Chapter
topbar-chapter-title = The chapter, step by step
topbar-share = Share
topbar-share-title = Link, embed code and files
topbar-open-full = Open in full playground ↗
theme-light = Theme: light (click to change)
theme-dark = Theme: dark (click to change)
theme-system = Theme: system (click to change)
seed = Seed
seed-title = Same seed, same run: every random choice of the simulation follows from it
seed-new = New seed
seed-new-title = Pick a new random seed
close = Close

## Chapter and lessons
chapter-title = From one server to millions of users
chapter-explain = Each step adds one idea to the design. Open a step, run it, and break it with its experiments.
chapter-passed-sr = challenge passed:{ " " }
chapter-challenge-tag = challenge
at-hand-label = Actions on { $name }
at-hand-title = Break or repair { $name }
at-hand-more = Its settings and figures ↓
at-hand-edge = Connection { $name }
at-hand-edge-more = What travels it, and its latency ↓
experiment-no-node = There is no node named “{ $name }” in this diagram any more.
experiment-missing = No node named “{ $name }” in this diagram
lesson-step-of = Step { $n } of { $total }
lesson-passed = { " " }· ✓ challenge passed
lesson-watch = Watch:{ " " }
lesson-experiments = Experiments
lesson-previous = ← Previous step
lesson-all-steps = All steps
lesson-next = Next step →
challenge-heading = Challenge
challenge-problems-first = { $count ->
    [one] The diagram has one problem to fix first (see Issues).
   *[other] The diagram has { $count } problems to fix first (see Issues).
}
challenge-readonly = Meeting it takes changes to the design, and this page is in lesson mode.
challenge-readonly-link = Open it in the full playground to try ↗
challenge-check = Check my design
challenge-check-hint = Runs the whole scenario with the challenge's failures, then grades it.
challenge-simulating = simulating… { $percent }
verdict-pass = ✓ pass
verdict-fail = ✗ fail
verdict-passed = Passed: your design meets the challenge.
verdict-not-yet = Not yet: see what failed.
verdict-measured = Measured from { $from } s to { $to } s of sim time.

## Share dialog
share-title = Share this scenario
sweep-title = Load sweep
embed-language = Language
embed-language-reader = the reader's
