using System;
using System.Net;

namespace MSCommerce.Client
{
    /// <summary>What kind of failure a call met, so that callers can report it in their own terms.</summary>
    public enum CommerceErrorKind
    {
        InvalidRequest,
        Authentication,
        PermissionDenied,
        NotFound,
        Conflict,
        Throttled,
        ServiceUnavailable,
        Connection,
        InvalidAnswer,
    }

    /// <summary>A call to the licensing service failed; the message carries the service's reason and correlation id.</summary>
    public sealed class CommerceServiceException : Exception
    {
        /// <summary>The error code of a call that was never sent because the connection found the service down.</summary>
        public const string NotSentCode = "NotSent";

        public CommerceServiceException(CommerceErrorKind kind, HttpStatusCode? statusCode, string errorCode, string reason, string? correlationId, Exception? inner = null)
            : base(FormatMessage(statusCode, reason, correlationId), inner)
        {
            Kind = kind;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            Reason = reason;
            CorrelationId = correlationId;
        }

        public CommerceErrorKind Kind { get; }
        public HttpStatusCode? StatusCode { get; }
        public string ErrorCode { get; }
        public string Reason { get; }
        public string? CorrelationId { get; }

        /// <summary>True when nothing of the call reached the service: it changed nothing, and sending it again later is safe.</summary>
        public bool NotSent => ErrorCode == NotSentCode && StatusCode == null;

        public static CommerceErrorKind KindOf(HttpStatusCode status)
        {
            switch ((int)status)
            {
                case 400: case 413: case 422: return CommerceErrorKind.InvalidRequest;
                case 401: return CommerceErrorKind.Authentication;
                case 403: return CommerceErrorKind.PermissionDenied;
                case 404: return CommerceErrorKind.NotFound;
                case 409: return CommerceErrorKind.Conflict;
                case 429: return CommerceErrorKind.Throttled;
                default: return (int)status >= 500 || status == HttpStatusCode.RequestTimeout ? CommerceErrorKind.ServiceUnavailable : CommerceErrorKind.InvalidRequest;
            }
        }

        private static string FormatMessage(HttpStatusCode? statusCode, string reason, string? correlationId)
        {
            var message = statusCode is HttpStatusCode status ? $"{reason} (HTTP {(int)status})" : reason;
            return correlationId is null ? message : $"{message} Correlation id: {correlationId}.";
        }
    }
}
