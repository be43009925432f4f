using System;
using System.Net;

namespace MSCommerce.Client.Http
{
    /// <summary>One attempt of one HTTP call, as -Verbose narrates it. Never carries a token.</summary>
    public sealed class HttpCallEvent
    {
        /// <summary>Describes one attempt of one call.</summary>
        public HttpCallEvent(string method, string path, HttpStatusCode? status, TimeSpan elapsed, string? correlationId, int attempt, TimeSpan? retryDelay, string? failure)
        {
            Method = method;
            Path = path;
            Status = status;
            Elapsed = elapsed;
            CorrelationId = correlationId;
            Attempt = attempt;
            RetryDelay = retryDelay;
            Failure = failure;
        }

        /// <summary>The HTTP method.</summary>
        public string Method { get; }
        /// <summary>The path and query called, without the host.</summary>
        public string Path { get; }
        /// <summary>The answer's status; null when there was no answer.</summary>
        public HttpStatusCode? Status { get; }
        /// <summary>How long the attempt took.</summary>
        public TimeSpan Elapsed { get; }
        /// <summary>The correlation id sent with the call.</summary>
        public string? CorrelationId { get; }
        /// <summary>The attempt number, from 1.</summary>
        public int Attempt { get; }

        /// <summary>Set when this attempt failed for a moment and the call will be retried after this delay.</summary>
        public TimeSpan? RetryDelay { get; }

        /// <summary>Why the attempt got no answer (network error, timeout).</summary>
        public string? Failure { get; }

        /// <inheritdoc />
        public override string ToString()
        {
            var outcome = Status is HttpStatusCode status ? $"{(int)status} {status}" : $"no answer ({Failure})";
            var text = $"{Method} {Path} -> {outcome} in {Elapsed.TotalMilliseconds:0} ms, attempt {Attempt}";
            if (CorrelationId != null)
            {
                text += $", correlation id {CorrelationId}";
            }

            return RetryDelay is TimeSpan delay ? $"{text}; retrying in {delay.TotalSeconds:0.0} s" : text;
        }
    }

    /// <summary>Receives the narration of HTTP calls (and debug detail) from any thread.</summary>
    public interface IHttpCallObserver
    {
        /// <summary>Called after every attempt of every call.</summary>
        void OnCall(HttpCallEvent call);

        /// <summary>Whether full exchanges are wanted (-Debug); they are only built when they are.</summary>
        bool WantsDebug { get; }

        /// <summary>A full exchange or a sign-in log line, with tokens and secrets redacted; only called when <see cref="WantsDebug"/> is true.</summary>
        void OnDebug(string message);
    }
}
