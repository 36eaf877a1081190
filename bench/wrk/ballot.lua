-- wrk script: every request is one signed-in member's first ballot in an open round, sent with that
-- member's own cookie and a ballot id used nowhere else. See bench/wrk/README.md.
--
--   wrk -t2 -c64 -d10s -s bench/wrk/ballot.lua http://127.0.0.1:5000 -- <members file> <round id> <threads>
--
-- <members file>: one member per line, "<cookie><TAB><choices as a JSON array of case ids>".
-- <threads>: the same number as -t. Thread k of n takes the k-th of n contiguous slices of the file,
-- so no member is sent twice. When a thread's slice is used up its connections go quiet (delay()
-- holds them past the end of the run): nothing else is sent to the server. When all its ballots are
-- answered a thread prints "thread <k>: all <n> ballots answered"; once every thread has, stop wrk
-- with SIGINT (Ctrl-C) rather than wait for -d: it still prints its summary and this script's.
--
-- wrk's own "Requests/sec" divides by the whole -d. This script measures instead from its first ballot
-- sent to its last ballot answered (monotonic clock, over all threads) and prints one line:
--   ballots ok=<200s> not_ok=<others> seconds=<window> per_s=<200s / window> unused=<members not sent> ...
-- and one "ballots status=<code> count=<n>" line per status seen.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long seconds; long nanoseconds; } engagement_timespec;
  int clock_gettime(int clock, engagement_timespec *now);
]]
local CLOCK_MONOTONIC = 1
local clock = ffi.new("engagement_timespec")

local function now()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.seconds) + tonumber(clock.nanoseconds) / 1e9
end

-- A day: longer than any run, so a connection whose thread has no member left never sends again.
local QUIET_MS = 86400000

-- Setup and done run in wrk's main Lua state; the threads are reached through these handles.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

-- Per thread (each wrk thread has its own Lua state): its requests, built once here so that
-- request() only hands out a string.
local requests = {}
local claimed = 0 -- members promised to a connection by delay(); request() sends them in order
local filler

-- Read by done() through thread:get.
sent = 0
ok = 0
not_ok = 0
filler_answers = 0
statuses = {}
first_sent = nil
last_answered = nil
unused = 0

function init(args)
  local file, round, count = args[1], args[2], tonumber(args[3])
  if not (file and round and count) then
    error("usage: wrk ... -s ballot.lua <url> -- <members file> <round id> <threads (same as -t)>")
  end
  if id > count then
    error(("wrk started thread %d but was told of %d: pass the same number as -t"):format(id, count))
  end

  local lines = {}
  for line in io.lines(file) do
    if line ~= "" then
      lines[#lines + 1] = line
    end
  end

  local first = math.floor((id - 1) * #lines / count) + 1
  local last = math.floor(id * #lines / count)
  local path = "/api/member/rounds/" .. round .. "/ballots"
  -- Unique across runs and threads: the run's start second, the thread, the member's line.
  local run = ("%x"):format(os.time())
  for i = first, last do
    local cookie, choices = lines[i]:match("^([^\t]+)\t(.+)$")
    if not cookie then
      error(("%s line %d is not <cookie><TAB><choices JSON>"):format(file, i))
    end
    local body = ('{"ballotId":"wrk%s-%d-%d","choices":%s}'):format(run, id, i, choices)
    requests[#requests + 1] = wrk.format("POST", path, {
      ["Cookie"] = cookie,
      ["Content-Type"] = "application/json",
      ["X-Engagement-Csrf"] = "1",
    }, body)
  end
  unused = #requests
  if #requests == 0 then
    report_answered()
  end

  -- Sent only when wrk asks for a request no connection was promised: its check of the script before
  -- the run (never sent) or a reconnect after a socket error. Answered 204, counted apart.
  filler = wrk.format("GET", "/favicon.ico")
end

-- Called before every request of every connection (the first included): promise the next member to
-- this connection, or keep it quiet once the slice is used up.
function delay()
  if claimed < #requests then
    claimed = claimed + 1
    return 0
  end
  return QUIET_MS
end

function request()
  if sent < claimed then
    sent = sent + 1
    unused = #requests - sent
    if first_sent == nil then
      first_sent = now()
    end
    return requests[sent]
  end
  return filler
end

function response(status, headers, body)
  if status == 204 then
    filler_answers = filler_answers + 1
    return
  end
  last_answered = now()
  statuses[status] = (statuses[status] or 0) + 1
  if status == 200 then
    ok = ok + 1
  else
    not_ok = not_ok + 1
  end
  if ok + not_ok == #requests then
    report_answered()
  end
end

-- Once per thread: the run can end now (wrk ends early on SIGINT, e.g. Ctrl-C, and still prints its summary).
function report_answered()
  io.write(("thread %d: all %d ballots answered\n"):format(id, #requests))
  io.flush()
end

function done(summary, latency, per_thread)
  local total = { ok = 0, not_ok = 0, sent = 0, unused = 0, filler = 0 }
  local statuses_seen = {}
  local from, to
  for _, thread in ipairs(threads) do
    total.ok = total.ok + thread:get("ok")
    total.not_ok = total.not_ok + thread:get("not_ok")
    total.sent = total.sent + thread:get("sent")
    total.unused = total.unused + thread:get("unused")
    total.filler = total.filler + thread:get("filler_answers")
    for status, count in pairs(thread:get("statuses")) do
      statuses_seen[status] = (statuses_seen[status] or 0) + count
    end
    local started, ended = thread:get("first_sent"), thread:get("last_answered")
    if started and (from == nil or started < from) then
      from = started
    end
    if ended and (to == nil or ended > to) then
      to = ended
    end
  end

  local seconds = (from and to and to > from) and (to - from) or 0
  local per_second = seconds > 0 and total.ok / seconds or 0
  -- wrk's latency covers every answered request (filler too) and is corrected by wrk for coordinated omission.
  -- from and to: seconds on the monotonic clock, for a caller that traces the server meanwhile.
  io.write(("ballots ok=%d not_ok=%d sent=%d seconds=%.4f per_s=%.1f from=%.4f to=%.4f unused=%d filler=%d p50_ms=%.2f p99_ms=%.2f\n"):format(
    total.ok, total.not_ok, total.sent, seconds, per_second, from or 0, to or 0, total.unused, total.filler,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  local codes = {}
  for status in pairs(statuses_seen) do
    codes[#codes + 1] = status
  end
  table.sort(codes)
  for _, status in ipairs(codes) do
    io.write(("ballots status=%d count=%d\n"):format(status, statuses_seen[status]))
  end
end
