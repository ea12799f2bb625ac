using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace Daftar.Tests.Api;

/// <summary>
/// An integrator with nothing but /openapi/v1.json: a C# client generated from it by NSwag at test time, compiled, and
/// used alone (no type of Daftar's, no URL written by hand) for a file's journey between two officers.
/// </summary>
public class GeneratedClientTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task TheOpenApiDocument_DeclaresBearerAuth_EveryAnswer_AndEnumsByName()
    {
        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal(["Normal", "Urgent", "Immediate"], root.GetProperty("components").GetProperty("schemas").GetProperty("Priority").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var operationIds = new HashSet<string>();
        foreach (var path in root.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                Assert.True(operationIds.Add(operation.Value.GetProperty("operationId").GetString()!), $"{where}: operationId used twice");
                Assert.True(operation.Value.TryGetProperty("security", out _), $"{where}: no security requirement");
                var responses = operation.Value.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
                Assert.Contains(responses.Keys, k => k.StartsWith('2'));
                foreach (var code in new[] { "400", "401", "403", "404", "409", "429" })
                    Assert.True(responses.ContainsKey(code), $"{where}: no {code}");
                Assert.True(responses["404"].GetProperty("content").TryGetProperty("application/problem+json", out _), $"{where}: 404 is not problem details");
                foreach (var (code, response) in responses.Where(r => r.Key.StartsWith('2') && r.Key != "204"))
                    Assert.True(response.TryGetProperty("content", out _), $"{where}: {code} has no body description");
            }
    }

    [Fact]
    public async Task AClientGeneratedFromTheDocument_WalksAFilesJourney_Alone()
    {
        var client = await GeneratedClient.CreateAsync(app);
        dynamic clerk = client.For(await app.TokenAsync(Demo.Clerk));
        dynamic officer = client.For(await app.TokenAsync(Demo.SectionOfficer));

        // What a form needs: the file heads and the post to send to, found by the API itself.
        var heads = (IEnumerable)await clerk.GetFileHeadsAsync();
        int headNumber = ((dynamic)heads.Cast<object>().First()).Number;
        var found = (IEnumerable)await clerk.GetRecipientsAsync("Section Officer");
        var so = found.Cast<dynamic>().First(r => (string)r.Code == "SO-DOIT-GR1");
        var clerkPosts = (dynamic)await clerk.GetMeAsync();
        int clerkPost = ((IEnumerable)clerkPosts.Posts).Cast<dynamic>().First().PostId;

        // Diarise a receipt with a scan, put it into a new file, write a note, send it.
        var scan = client.New("FileParameter", new MemoryStream(TestPdf.Pages(1, "Dak")), "letter.pdf", "application/pdf");
        var receipt = await clerk.PostReceiptsAsync("Collector, Jaipur", "F.4/2026/77", null, null, "Data cards for work from home", null,
            client.Enum("ReceiptMode", "Post"), "en", client.Enum("Grading", "Normal"), client.ArrayOf("FileParameter", scan));
        var putIn = await clerk.PostReceiptsPutInFileAsync((int)receipt.Id, client.New("PutInFileCommand", ("NewFileSubject", "Data cards for work from home"), ("HeadNumber", (int?)headNumber)));
        int fileId = putIn.FileId;
        await clerk.PostFilesNotesAsync(fileId, client.New("SaveNoteCommand", ("Text", "Put up for approval of 40 data cards.")));
        var send = client.New("SendFileCommand", ("ToPostId", (int?)(int)so.PostId), ("Remarks", "for approval"), ("Priority", client.Enum("Priority", "Urgent")));
        await clerk.PostFilesSendAsync(fileId, send);

        // Pull back before it is opened, then send again; the officer opens it and returns it with a note.
        await clerk.PostFilesPullBackAsync(fileId);
        await clerk.PostFilesSendAsync(fileId, send);
        var file = await officer.GetFilesByIdAsync(fileId);
        Assert.Equal("Urgent", ((object)((IEnumerable)file.Movements).Cast<dynamic>().Last().Priority).ToString());
        Assert.Equal("Put up for approval of 40 data cards.", (string)((IEnumerable)file.Notes).Cast<dynamic>().First().Text);
        var puc = ((IEnumerable)file.Correspondence).Cast<dynamic>().Single();
        Assert.True((bool)puc.IsPuc);
        var scanUrl = (string)((IEnumerable)puc.Documents).Cast<dynamic>().Single().ApiUrl;
        var receiptView = await officer.GetReceiptsByIdAsync((int)puc.ReceiptId);
        Assert.Equal(scanUrl, (string)((IEnumerable)receiptView.Documents).Cast<dynamic>().Single().Url);
        var pullBackAfterOpening = await GeneratedClient.ProblemOfAsync(() => clerk.PostFilesPullBackAsync(fileId));
        Assert.Equal(409, pullBackAfterOpening.Status);
        await officer.PostFilesNotesAsync(fileId, client.New("SaveNoteCommand", ("Text", "Approved. Issue the order.")));
        await officer.PostFilesSendAsync(fileId, client.New("SendFileCommand", ("ToPostId", (int?)clerkPost), ("Remarks", "approved")));
        var back = await clerk.GetFilesByIdAsync(fileId);
        Assert.Equal(clerkPost, (int)back.Holder.Id);
        Assert.Equal(2, ((IEnumerable)back.Notes).Cast<object>().Count());
        var trail = (IEnumerable)await clerk.GetFilesAuditAsync(fileId);
        Assert.Contains(trail.Cast<dynamic>(), a => ((string)a.Sentence).StartsWith("Sent the file to", StringComparison.Ordinal));

        // A refusal arrives as the problem details the document describes.
        var outsider = client.For(await app.TokenAsync(Demo.Collector));
        var hidden = await GeneratedClient.ProblemOfAsync(() => ((dynamic)outsider).GetFilesByIdAsync(fileId));
        Assert.Equal(404, hidden.Status);
    }
}

/// <summary>The client NSwag writes from the document, compiled in memory, and ways to call it without its types at compile time.</summary>
public sealed class GeneratedClient
{
    private readonly DaftarFactory _app;
    private readonly Assembly _assembly;

    private GeneratedClient(DaftarFactory app, Assembly assembly) => (_app, _assembly) = (app, assembly);

    public static async Task<GeneratedClient> CreateAsync(DaftarFactory app)
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "DaftarClient",
            GenerateClientInterfaces = false,
            UseBaseUrl = false,
            GenerateOptionalParameters = true,
            OperationNameGenerator = new NSwag.CodeGeneration.OperationNameGenerators.SingleClientFromOperationIdOperationNameGenerator(),
        };
        settings.CSharpGeneratorSettings.Namespace = "Generated";
        settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        if (Environment.GetEnvironmentVariable("DAFTAR_KEEP_CLIENT") is { Length: > 0 } keep) File.WriteAllText(keep, code);

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Generated.DaftarClient", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var dll = new MemoryStream();
        var emitted = compilation.Emit(dll);
        if (!emitted.Success)
        {
            var kept = Path.Combine(Path.GetTempPath(), "daftar-generated-client.cs");
            File.WriteAllText(kept, code);
            Assert.Fail($"The generated client ({kept}) does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        }
        return new GeneratedClient(app, new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(new MemoryStream(dll.ToArray())));
    }

    private Type TypeOf(string name) => _assembly.GetType("Generated." + name) ?? throw new InvalidOperationException($"The document generated no type {name}.");

    /// <summary>The generated client, calling Daftar with this bearer token.</summary>
    public dynamic For(string token)
    {
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return Activator.CreateInstance(TypeOf("DaftarClient"), http)!;
    }

    public dynamic New(string type, params (string Property, object? Value)[] values)
    {
        var instance = Activator.CreateInstance(TypeOf(type))!;
        foreach (var (property, value) in values) TypeOf(type).GetProperty(property)!.SetValue(instance, value);
        return instance;
    }

    public dynamic New(string type, params object?[] arguments) => Activator.CreateInstance(TypeOf(type), arguments)!;

    public dynamic Enum(string type, string name) => System.Enum.Parse(TypeOf(type), name);

    public dynamic ArrayOf(string type, params object[] items)
    {
        var array = Array.CreateInstance(TypeOf(type), items.Length);
        for (var i = 0; i < items.Length; i++) array.SetValue(items[i], i);
        return array;
    }

    public sealed record Problem(int Status, string? Body);

    /// <summary>The ApiException the generated client throws for a refusal, as its status and body.</summary>
    public static async Task<Problem> ProblemOfAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex.GetType().Name.StartsWith("ApiException", StringComparison.Ordinal))
        {
            dynamic api = ex;
            return new Problem((int)api.StatusCode, (string?)api.Response);
        }
        throw new Xunit.Sdk.XunitException("The call succeeded; a refusal was expected.");
    }
}
