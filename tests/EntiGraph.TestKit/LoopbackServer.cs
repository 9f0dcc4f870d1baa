using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EntiGraph.TestKit;

/// <summary>A request as the server saw it: the raw target (percent-escapes intact) and the headers tests check.</summary>
public sealed record RecordedRequest(string Method, string Target, string? Range, string? Authorization);

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port, answering every request with the test's
/// handler and recording what it was asked. For network code that must be tested over real sockets.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            server!.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                target,
                context.Request.Headers.Range.ToString() is { Length: > 0 } range ? range : null,
                context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null));
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    public Uri Url(string relative) => new(BaseAddress, relative);

    /// <summary>Serves <paramref name="data"/>, honouring a Range request with 206 Partial Content.</summary>
    public static async Task ServeBytes(HttpContext context, byte[] data)
    {
        var from = 0L;
        if (context.Request.Headers.Range.ToString() is { Length: > 0 } range && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            from = long.Parse(range["bytes=".Length..].TrimEnd('-').Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = $"bytes {from}-{data.Length - 1}/{data.Length}";
        }

        context.Response.ContentLength = data.Length - from;
        await context.Response.Body.WriteAsync(data.AsMemory((int)from));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
