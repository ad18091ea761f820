-- wrk script for bench/load: each request takes the next path of the mix (paths.txt),
-- and the summary prints requests, errors and p50/p95/p99 latencies.
local paths = {}
local counter = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  -- Each thread starts at a different place in the mix.
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("requests %d in %.1f s: %.1f requests/s\n", summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("errors %d (connect %d, read %d, write %d, timeout %d, HTTP status >= 400: %d)\n",
    errors, e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format("latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
