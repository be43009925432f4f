using System;

namespace MSCommerce.Client.Http
{
    /// <summary>
    /// The reason to show for a call that never got an answer: the innermost message of the chain
    /// that says something (the socket's "Connection refused" rather than HttpClient's "An error
    /// occurred while sending the request"), skipping inner exceptions whose message is empty, so
    /// that "could not be reached: " is never left without a reason.
    /// </summary>
    internal static class FailureReason
    {
        public static string Of(Exception error)
        {
            string? reason = null;
            var innermost = error;
            for (var current = error; current != null; current = current.InnerException)
            {
                innermost = current;
                if (!string.IsNullOrWhiteSpace(current.Message))
                {
                    reason = current.Message.Trim();
                }
            }

            return reason ?? $"{innermost.GetType().Name}, with no message";
        }
    }
}
