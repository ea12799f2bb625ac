using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Daftar.Tests.Security;

/// <summary>
/// A multi-gigabyte upload against Daftar on real Kestrel (the in-memory test server enforces no body limits): it is
/// cut off early with a ProblemDetails answer, the server's memory stays flat, nothing is left on disk, and the
/// server keeps serving.
/// </summary>
public class OversizedUploadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("daftar-oversized-").FullName;
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestDatabase.CreateAsync(_dataPath);

    public Task DisposeAsync()
    {
        Directory.Delete(_dataPath, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A PDF header followed by as many zero bytes as asked, made as it is read (nothing held in memory).</summary>
    private sealed class EndlessPdf(long length, bool declared) : Stream
    {
        private static readonly byte[] Header = "%PDF-1.7\n"u8.ToArray();
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => declared;   // a known length becomes the request's Content-Length
        public override bool CanWrite => false;
        public override long Length => declared ? length : throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public long Sent => _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            if (n <= 0) return 0;
            Array.Clear(buffer, offset, n);
            if (_position < Header.Length) Array.Copy(Header, _position, buffer, offset, Math.Min(n, Header.Length - (int)_position));
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => offset == 0 && origin == SeekOrigin.Begin && _position == 0 ? 0 : throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task FourGigabyteUpload_IsCutOffEarly_WithoutMemoryOrDiskFillingUp()
    {
        var token = await ServerProcess.IssueTokenAsync(_connectionString, _dataPath, Demo.Clerk);
        await using var server = await ServerProcess.StartAsync(_connectionString, _dataPath);
        using var clerk = server.Client(token);
        clerk.Timeout = TimeSpan.FromMinutes(3);
        var created = await clerk.PostAsJsonAsync("/api/files", new { subject = "Oversized upload", headNumber = 12 });
        var fileId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var before = server.ResidentMegabytes;

        // Streamed without a length (chunked), and declared up front the way browsers send files (with Expect: 100-continue).
        foreach (var (url, field, declared) in new[] { ($"/api/files/{fileId}/documents", "file", false), ("/api/receipts", "documents", false),
                     ($"/api/files/{fileId}/documents", "file", true), ("/api/receipts", "documents", true) })
        {
            var body = new EndlessPdf(4L * 1024 * 1024 * 1024, declared);
            var form = new MultipartFormDataContent { { new StringContent("Collector"), "sender" }, { new StringContent("Huge"), "subject" } };
            var part = new StreamContent(body, 1 << 16);
            part.Headers.ContentType = new("application/pdf");
            form.Add(part, field, "huge.pdf");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            HttpResponseMessage? response = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
                request.Headers.ExpectContinue = declared;
                response = await clerk.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                // The server may close the connection while the client is still sending; what matters is below.
            }
            output.WriteLine($"{url} ({(declared ? "Content-Length" : "chunked")}): {(int?)response?.StatusCode} after {body.Sent / 1024 / 1024} MB sent in {watch.Elapsed.TotalSeconds:0.0} s; server RSS {server.ResidentMegabytes} MB (was {before} MB)");
            Assert.True(body.Sent < 1024L * 1024 * 1024, $"{body.Sent / 1024 / 1024} MB were read before the upload was refused");
            if (declared) Assert.NotNull(response);   // a declared size is refused before the body is sent, with an answer
            if (response is not null)
            {
                Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, response.StatusCode.ToString());
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
            Assert.InRange(server.ResidentMegabytes, 0, before + 300);
        }

        var temp = Path.Combine(_dataPath, "blobs", "tmp");
        Assert.True(!Directory.Exists(temp) || Directory.GetFiles(temp).Length == 0);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/files/{fileId}")).StatusCode);
        var receipts = await clerk.GetFromJsonAsync<JsonElement>("/api/receipts");
        Assert.DoesNotContain(receipts.EnumerateArray(), r => r.GetProperty("subject").GetString() == "Huge");
    }
}
