using System;

namespace MSCommerce.Client.Http
{
    /// <summary>The connection's circuit breaker is open: the service seems down and the call was cut short.</summary>
    internal sealed class ServiceDownException : Exception
    {
        public ServiceDownException(bool sent, TimeSpan breakDuration, Exception inner)
            : base(sent ? "The service failed this call and nearly every recent call of the connection, so the connection stopped retrying."
                : "The service failed nearly every recent call of the connection, so this call was not sent.", inner)
        {
            Sent = sent;
            BreakDuration = breakDuration;
        }

        /// <summary>Whether an attempt of this call reached the wire before the breaker opened (then a change may have been made).</summary>
        public bool Sent { get; }

        public TimeSpan BreakDuration { get; }
    }
}
