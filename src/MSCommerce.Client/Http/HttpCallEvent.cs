using System;
using System.Net;

namespace MSCommerce.Client.Http
{
    /// <summary>One attempt of one HTTP call, as -Verbose narrates it. Never carries a token.</summary>
    public sealed class HttpCallEvent
    {
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

        public string Method { get; }
        public string Path { get; }
        public HttpStatusCode? Status { get; }
        public TimeSpan Elapsed { get; }
        public string? CorrelationId { get; }
        public int Attempt { get; }

        /// <summary>Set when this attempt failed for a moment and the call will be retried after this delay.</summary>
        public TimeSpan? RetryDelay { get; }

        /// <summary>Why the attempt got no answer (network error, timeout).</summary>
        public string? Failure { get; }

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
        void OnCall(HttpCallEvent call);

        /// <summary>Whether full exchanges are wanted (-Debug); they are only built when they are.</summary>
        bool WantsDebug { get; }

        void OnDebug(string message);
    }
}
