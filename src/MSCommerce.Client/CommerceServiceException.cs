using System;
using System.Net;

namespace MSCommerce.Client
{
    /// <summary>The licensing service answered a request with an error.</summary>
    public sealed class CommerceServiceException : Exception
    {
        public CommerceServiceException(HttpStatusCode statusCode, string errorCode, string reason, string? correlationId)
            : base(FormatMessage(statusCode, reason, correlationId))
        {
            StatusCode = statusCode;
            ErrorCode = errorCode;
            Reason = reason;
            CorrelationId = correlationId;
        }

        public HttpStatusCode StatusCode { get; }
        public string ErrorCode { get; }
        public string Reason { get; }
        public string? CorrelationId { get; }

        private static string FormatMessage(HttpStatusCode statusCode, string reason, string? correlationId)
        {
            var message = $"The licensing service answered {(int)statusCode} {statusCode}: {reason}";
            return correlationId is null ? message : $"{message} (correlation id {correlationId})";
        }
    }
}
