using System.Threading;
using MSCommerce.Client.Http;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Counts the calls the service answered with success while passing every event on: for a listing, each
    /// such answer is one page read (a throttled or failed attempt is not, nor is its retry announced).
    /// </summary>
    internal sealed class AnsweredCalls : IHttpCallObserver
    {
        private readonly IHttpCallObserver _inner;
        private int _count;

        public AnsweredCalls(IHttpCallObserver inner) => _inner = inner;

        /// <summary>How many calls were answered with success so far; read from any thread.</summary>
        public int Count => Volatile.Read(ref _count);

        public bool WantsDebug => _inner.WantsDebug;

        public void OnCall(HttpCallEvent call)
        {
            if (call.Status is System.Net.HttpStatusCode status && (int)status >= 200 && (int)status < 300 && call.RetryDelay == null)
            {
                Interlocked.Increment(ref _count);
            }

            _inner.OnCall(call);
        }

        public void OnDebug(string message) => _inner.OnDebug(message);
    }
}
