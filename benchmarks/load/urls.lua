-- wrk script: each request is a path drawn at random from a file, one path a line,
-- with an Accept-Encoding header when one is given (browsers send "gzip" and more).
--
--     wrk -t2 -c16 -d20s -s urls.lua http://127.0.0.1:8000 -- paths.txt [gzip]
--
-- At the end one line starting with "RESULT " carries the figures as JSON
-- (latency in microseconds; status errors are answers outside 2xx and 3xx).

local paths = {}
local counter = 0
local headers = {}

function setup(thread)
   counter = counter + 1
   thread:set("number", counter)
end

function init(args)
   for line in io.lines(args[1]) do
      if line ~= "" then
         paths[#paths + 1] = line
      end
   end
   if args[2] and args[2] ~= "" then
      headers["Accept-Encoding"] = args[2]
   end
   math.randomseed(number or 1)
end

function request()
   return wrk.format("GET", paths[math.random(#paths)], headers)
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      'RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, '
         .. '"read_errors": %d, "write_errors": %d, "timeouts": %d, "status_errors": %d, '
         .. '"latency_mean_us": %.1f, "latency_max_us": %d, "latency_p50_us": %d, '
         .. '"latency_p90_us": %d, "latency_p95_us": %d, "latency_p99_us": %d}\n',
      summary.requests, summary.duration, summary.bytes, errors.connect, errors.read,
      errors.write, errors.timeout, errors.status, latency.mean, latency.max,
      latency:percentile(50), latency:percentile(90), latency:percentile(95),
      latency:percentile(99)
   ))
end
