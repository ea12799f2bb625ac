using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Files;
using Daftar.Web.Features.Files;

namespace Daftar.Tests.Infrastructure;

/// <summary>
/// What a test does to a file, said as the office would say it: open a file as this officer, send it to that post. Each
/// step must succeed; a refusal fails the test with the answer's body, so the cause is in the test's output.
/// </summary>
public static class FileIntents
{
    /// <summary>Opens a file in the officer's section (their API client) and returns its id.</summary>
    public static async Task<int> CreateFileAsync(this HttpClient officer, string subject, int head = 12, string? category = null,
        Grading grading = Grading.Normal)
    {
        var response = await officer.PostAsJsonAsync("/api/files", new CreateFileCommand(subject, head, category, Grading: grading));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>Sends a file the officer holds to another post.</summary>
    public static async Task SendFileAsync(this HttpClient officer, int fileId, int toPostId, string? remarks = null, Priority priority = Priority.Normal,
        DateOnly? dueOn = null)
    {
        var response = await officer.PostAsJsonAsync($"/api/files/{fileId}/send", new SendFileCommand(toPostId, remarks, priority, dueOn));
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }
}
