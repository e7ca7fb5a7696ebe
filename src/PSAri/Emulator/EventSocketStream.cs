using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Emulator
{
    /// <summary>The TCP stream under an event socket, able to hold writes back: while <see cref="Hold"/> is set
    /// (the writer has more frames queued) frames collect in memory, and they go out in one write with the next
    /// frame sent without it. A flood then costs a system call per batch, not per event (bench: emulator).
    /// Reads pass straight through.</summary>
    internal sealed class EventSocketStream : Stream
    {
        private const int MaxHeldBytes = 64 * 1024;
        private readonly Stream _inner;
        private readonly MemoryStream _held = new MemoryStream();
        private volatile bool _hold;

        public EventSocketStream(Stream inner) => _inner = inner;

        /// <summary>Set by the one writer before each send: true while more frames wait behind this one.</summary>
        public bool Hold
        {
            get => _hold;
            set => _hold = value;
        }

        // Writes never overlap: the WebSocket sends one frame at a time (control frames included).
        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (!_hold && _held.Length == 0)
            {
                await _inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                return;
            }
            _held.Write(buffer, offset, count);
            if (_hold && _held.Length < MaxHeldBytes) return;
            await _inner.WriteAsync(_held.GetBuffer(), 0, (int)_held.Length, cancellationToken).ConfigureAwait(false);
            _held.SetLength(0);
        }

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_held.Length > 0)
            {
                await _inner.WriteAsync(_held.GetBuffer(), 0, (int)_held.Length, cancellationToken).ConfigureAwait(false);
                _held.SetLength(0);
            }
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
