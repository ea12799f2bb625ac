using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Notifications;

namespace Daftar.Tests.Files;

public class OverdueTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task PostsHoldingFilesPastTheirDueDate_AreFoundForReminders()
    {
        var clerk = await app.ApiClientAsync("RJ100035");
        var created = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Medicine supply", 8, null));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var cmho = await app.PostIdAsync("CMHO-JPR");
        await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(cmho, null, DueOn: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2)));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = await app.WithDbAsync(db => OverdueReminders.OverdueByPostAsync(db, today, CancellationToken.None));
        var later = await app.WithDbAsync(db => OverdueReminders.OverdueByPostAsync(db, today.AddDays(3), CancellationToken.None));
        Assert.Equal(now.GetValueOrDefault(cmho) + 1, later[cmho]);
    }
}
