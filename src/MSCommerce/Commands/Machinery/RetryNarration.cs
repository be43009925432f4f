using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using MSCommerce.Client.Http;

namespace MSCommerce.Commands
{
    /// <summary>
    /// The client tells of an attempt it retries twice: once as the attempt ends (its answer), once more as it
    /// decides to retry (the same answer, with the delay). This holds an attempt that may be retried until that
    /// decision, so that -Verbose shows each throttled or failed attempt once:
    /// "PUT … -> 429 TooManyRequests in 3 ms, attempt 1; retrying in 1.0 s". Thread-safe.
    /// </summary>
    internal sealed class RetryNarration
    {
        /// <summary>The client decides at once, before it waits: an attempt undecided after this was not retried (the last one, or the wait budget spent).</summary>
        public static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(250);

        private readonly List<(HttpCallEvent Call, long HeldAt)> _held = new List<(HttpCallEvent, long)>();

        /// <summary>True when the event is held for now; false when it is to be written now (a retry decision takes its attempt's place).</summary>
        public bool Hold(HttpCallEvent call)
        {
            lock (_held)
            {
                if (call.RetryDelay != null)
                {
                    var index = _held.FindIndex(held => IsSameAttempt(held.Call, call));
                    if (index >= 0)
                    {
                        _held.RemoveAt(index);
                    }

                    return false;
                }

                if (!MayBeRetried(call))
                {
                    return false;
                }

                _held.Add((call, Stopwatch.GetTimestamp()));
                return true;
            }
        }

        /// <summary>How long until the youngest held attempt is decided; zero when none is held.</summary>
        public TimeSpan UntilDecided()
        {
            lock (_held)
            {
                if (_held.Count == 0)
                {
                    return TimeSpan.Zero;
                }

                var left = Patience - Age(_held[_held.Count - 1].HeldAt);
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }

        /// <summary>Takes the held attempts that were not retried (all of them with <paramref name="all"/>), oldest first.</summary>
        public IReadOnlyList<HttpCallEvent> TakeUndecided(bool all)
        {
            lock (_held)
            {
                var taken = new List<HttpCallEvent>();
                _held.RemoveAll(held =>
                {
                    var take = all || Age(held.HeldAt) >= Patience;
                    if (take)
                    {
                        taken.Add(held.Call);
                    }

                    return take;
                });
                return taken;
            }
        }

        /// <summary>No answer, or an answer the client retries (408, 429, 500, 502, 503, 504).</summary>
        private static bool MayBeRetried(HttpCallEvent call) =>
            !(call.Status is HttpStatusCode status)
            || status == HttpStatusCode.RequestTimeout || (int)status == 429 || status == HttpStatusCode.InternalServerError
            || status == HttpStatusCode.BadGateway || status == HttpStatusCode.ServiceUnavailable || status == HttpStatusCode.GatewayTimeout;

        private static bool IsSameAttempt(HttpCallEvent held, HttpCallEvent retry) =>
            held.Attempt == retry.Attempt && held.Method == retry.Method && held.Path == retry.Path;

        private static TimeSpan Age(long heldAt) =>
            TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - heldAt) / (double)Stopwatch.Frequency);
    }
}
