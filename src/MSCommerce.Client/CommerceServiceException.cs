using System;
using System.Net;

namespace MSCommerce.Client
{
    /// <summary>What kind of failure a call met, so that callers can report it in their own terms.</summary>
    public enum CommerceErrorKind
    {
        /// <summary>The service refused the request as malformed (400, 413, 422).</summary>
        InvalidRequest,
        /// <summary>The token was refused (401).</summary>
        Authentication,
        /// <summary>The signed-in account lacks the role or permission (403).</summary>
        PermissionDenied,
        /// <summary>No such policy, product or purchase (404).</summary>
        NotFound,
        /// <summary>The request conflicts with the current state (409).</summary>
        Conflict,
        /// <summary>Still throttled (429) once the retries allowed were spent.</summary>
        Throttled,
        /// <summary>The service failed or timed out (5xx, 408) once the retries allowed were spent.</summary>
        ServiceUnavailable,
        /// <summary>No answer: the network, DNS, TLS or the per-attempt timeout.</summary>
        Connection,
        /// <summary>An answer the client could not read.</summary>
        InvalidAnswer,
    }

    /// <summary>A call to the licensing service failed; the message carries the service's reason and correlation id.</summary>
    public sealed class CommerceServiceException : Exception
    {
        /// <summary>A failure of the given kind, with the service's error code, reason and correlation id.</summary>
        public CommerceServiceException(CommerceErrorKind kind, HttpStatusCode? statusCode, string errorCode, string reason, string? correlationId, Exception? inner = null)
            : base(FormatMessage(statusCode, reason, correlationId), inner)
        {
            Kind = kind;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            Reason = reason;
            CorrelationId = correlationId;
        }

        /// <summary>What kind of failure it was.</summary>
        public CommerceErrorKind Kind { get; }
        /// <summary>The HTTP status of the answer; null when there was no answer.</summary>
        public HttpStatusCode? StatusCode { get; }
        /// <summary>The service's error code, or the client's when the service gave none.</summary>
        public string ErrorCode { get; }
        /// <summary>The service's reason, as it gave it.</summary>
        public string Reason { get; }
        /// <summary>The correlation id of the call, to quote to Microsoft support; null when unknown.</summary>
        public string? CorrelationId { get; }
        /// <summary>
        /// True when the call was sent more than once before this answer: an earlier attempt may have been
        /// carried out with its answer lost, so a refusal such as "already cancelled" may be this call's own doing.
        /// </summary>
        public bool Retried { get; internal set; }

        /// <summary>How many more free licences the refused change needed, when the service says (a take-over's NotEnoughLicences).</summary>
        internal int? MissingLicences { get; set; }

        internal static CommerceErrorKind KindOf(HttpStatusCode status)
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

        /// <summary>The error code of a call that was never sent because the connection found the service down.</summary>
        public const string NotSentCode = CommerceErrorCodes.NotSent;

        /// <summary>True when nothing of the call reached the service: it changed nothing, and sending it again later is safe.</summary>
        public bool NotSent => ErrorCode == NotSentCode && StatusCode == null;

        private static string FormatMessage(HttpStatusCode? statusCode, string reason, string? correlationId)
        {
            var message = statusCode is HttpStatusCode status ? $"{reason} (HTTP {(int)status})" : reason;
            return correlationId is null ? message : $"{message} Correlation id: {correlationId}.";
        }
    }
}
