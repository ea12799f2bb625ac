using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.People;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.People;

public class OrganisationApiTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task Offices_TopOfTree_IsTheSecretariat_AndChildrenCanBeListed()
    {
        var api = await app.ApiClientAsync(Demo.Clerk);
        var top = await api.GetFromJsonAsync<List<OfficeSummary>>("/api/offices");
        var secretariat = Assert.Single(top!);
        Assert.Equal("SECT-GAD", secretariat.Code);
        Assert.Equal("शासन सचिवालय, जयपुर", secretariat.NameHi);
        var children = await api.GetFromJsonAsync<List<OfficeSummary>>($"/api/offices?parentId={secretariat.Id}");
        Assert.Contains(children!, c => c.Code == "SECT-DOIT");
    }

    [Fact]
    public async Task Office_Detail_ShowsPathPostsAndHolders()
    {
        var api = await app.ApiClientAsync(Demo.Clerk);
        var psId = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "PS-CHAKSU").Select(o => o.Id).SingleAsync());
        var detail = await api.GetFromJsonAsync<OfficeDetail>($"/api/offices/{psId}");
        Assert.Equal(["SECT-GAD", "SECT-HOME", "PHQ", "RANGE-JPR", "DP-JPR-RURAL", "CIR-CHAKSU"], detail!.Path.Select(p => p.Code));
        var sho = Assert.Single(detail.Posts);
        Assert.Equal("थानाधिकारी", sho.DesignationHi);
        Assert.Equal("Ramavtar Meena", Assert.Single(sho.Holders).NameEn);
    }

    [Theory]
    [InlineData("मीणा", "RJ100003")]
    [InlineData("meena", "RJ100003")]
    [InlineData("MEENA", "RJ100057")]
    [InlineData("rj100001", "RJ100001")]
    public async Task Directory_FindsPeopleInEitherScript(string query, string expectedCode)
    {
        var api = await app.ApiClientAsync(Demo.Clerk);
        var found = await api.GetFromJsonAsync<DirectoryResults>($"/api/directory?q={Uri.EscapeDataString(query)}&limit=50");
        Assert.Contains(found!.Employees, e => e.Code == expectedCode);
    }

    [Fact]
    public async Task Directory_FindsPostsByHindiDesignation_AndOfficesByName()
    {
        var api = await app.ApiClientAsync(Demo.Clerk);
        var found = await api.GetFromJsonAsync<DirectoryResults>($"/api/directory?q={Uri.EscapeDataString("थानाधिकारी")}");
        Assert.Equal(4, found!.Posts.Count);
        var offices = await api.GetFromJsonAsync<DirectoryResults>("/api/directory?q=chaksu");
        Assert.Contains(offices!.Offices, o => o.Code == "PS-CHAKSU");
        var percent = await api.GetFromJsonAsync<DirectoryResults>("/api/directory?q=%25");
        Assert.Empty(percent!.Employees);
    }

    [Fact]
    public async Task Employee_MobileIsHiddenFromOthers_ButShownToAdministrators()
    {
        var id = await app.EmployeeIdAsync(Demo.Collector);
        var admin = await app.ApiClientAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/employees/{id}",
            new SaveEmployeeCommand(null, "Prakash Rajpurohit", "प्रकाश राजपुरोहित", "collector.jaipur@rajasthan.example", "9829012345"))).StatusCode);
        var seenByAdmin = await admin.GetFromJsonAsync<EmployeeSummary>($"/api/employees/{id}");
        Assert.Equal("9829012345", seenByAdmin!.Mobile);
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var seenByClerk = await clerk.GetFromJsonAsync<EmployeeSummary>($"/api/employees/{id}");
        Assert.Null(seenByClerk!.Mobile);
        Assert.Equal("collector.jaipur@rajasthan.example", seenByClerk.Email);
    }

    [Fact]
    public async Task Administrator_BuildsAnOfficeWithASectionAPostAndAnEmployee()
    {
        var admin = await app.ApiClientAsync(Demo.Admin);
        var parentId = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "DIST-JPR").Select(o => o.Id).SingleAsync());
        var office = await Created(await admin.PostAsJsonAsync("/api/offices",
            new SaveOfficeCommand("SD-AMER", "SDO Office, Amer", "उपखण्ड अधिकारी कार्यालय, आमेर", OfficeType.SubDivision, "REV", parentId)));
        var section = await Created(await admin.PostAsJsonAsync("/api/sections", new SaveSectionCommand(office, "GEN", "General Branch", "सामान्य शाखा")));
        var reportsTo = await app.PostIdAsync("COLL-JPR");
        var post = await Created(await admin.PostAsJsonAsync("/api/posts", new SavePostCommand("SDO-AMER", "SDO", office, section, reportsTo, null)));
        var employee = await Created(await admin.PostAsJsonAsync("/api/employees",
            new SaveEmployeeCommand("rj200001", "Meenakshi Sharma", "मीनाक्षी शर्मा", "Meenakshi.Sharma@Rajasthan.example", "+919876543210")));
        var assigned = await admin.PostAsJsonAsync($"/api/employees/{employee}/assignments",
            new AssignPostCommand(post, ChargeKind.Primary, new DateOnly(2026, 11, 1), null));
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);

        var detail = await admin.GetFromJsonAsync<PostSummary>($"/api/posts/{post}");
        Assert.Equal("SD-AMER", (await admin.GetFromJsonAsync<OfficeDetail>($"/api/offices/{office}"))!.Office.Code);
        Assert.Equal("GEN", detail!.SectionCode);
        Assert.Equal("COLL-JPR", detail.ReportsToCode);
        var holder = Assert.Single(detail.Holders);
        Assert.Equal("RJ200001", holder.Code);
        var stored = await app.WithDbAsync(db => db.Employees.SingleAsync(e => e.Code == "RJ200001"));
        Assert.Equal("meenakshi.sharma@rajasthan.example", stored.Email);
    }

    [Fact]
    public async Task SecondRegularHolder_IsRefusedWithConflict_ButAdditionalChargeIsAllowed()
    {
        var admin = await app.ApiClientAsync(Demo.Admin);
        var post = await app.PostIdAsync("SHO-CHOMU");
        var other = await app.EmployeeIdAsync("RJ100060");
        var clash = await admin.PostAsJsonAsync($"/api/employees/{other}/assignments", new AssignPostCommand(post, ChargeKind.Primary, null, null));
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        var problem = await clash.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("post_already_held", problem.GetProperty("code").GetString());
        Assert.Equal("application/problem+json", clash.Content.Headers.ContentType?.MediaType);

        var charge = await admin.PostAsJsonAsync($"/api/employees/{other}/assignments", new AssignPostCommand(post, ChargeKind.AdditionalCharge, null, null));
        Assert.Equal(HttpStatusCode.Created, charge.StatusCode);
    }

    [Fact]
    public async Task BadInput_GivesProblemDetailsNamingEachField_InTheCallersLanguage()
    {
        var admin = await app.ApiClientAsync(Demo.Admin);
        var response = await admin.PostAsJsonAsync("/api/employees", new SaveEmployeeCommand("bad code!", "", null, "not-an-email", "12345"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "code", "nameEn", "nameHi", "email", "mobile" }) Assert.True(errors.TryGetProperty(field, out _), field);

        var hindi = new HttpRequestMessage(HttpMethod.Post, "/api/employees") { Content = JsonContent.Create(new SaveEmployeeCommand("X1", "", "", null, null)) };
        hindi.Headers.AcceptLanguage.ParseAdd("hi-IN");
        var inHindi = await (await admin.SendAsync(hindi)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("आवश्यक है", inHindi.GetProperty("errors").GetProperty("nameEn")[0].GetString());

        var malformed = await admin.PostAsync("/api/employees", new StringContent("{\"code\": 12,", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var duplicate = await admin.PostAsJsonAsync("/api/employees", new SaveEmployeeCommand(Demo.Clerk, "Someone", "कोई", null, null));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/employees/999999")).StatusCode);
    }

    [Fact]
    public async Task ReportingLoop_IsRefused()
    {
        var admin = await app.ApiClientAsync(Demo.Admin);
        var cs = await app.PostIdAsync("CS");
        var ldc = await app.PostIdAsync("LDC-GAD-GR1");
        var officeId = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "SECT-GAD").Select(o => o.Id).SingleAsync());
        var response = await admin.PutAsJsonAsync($"/api/posts/{cs}", new SavePostCommand(null, "CS", officeId, null, ldc, null));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Posts.Where(p => p.Id == cs).Select(p => p.ReportsToId).SingleAsync()));
    }

    [Fact]
    public async Task NonAdministrator_CannotChangeTheOrganisation()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var response = await clerk.PostAsJsonAsync("/api/employees", new SaveEmployeeCommand("RJ999999", "X Y", "क ख", null, null));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Employees.AnyAsync(e => e.Code == "RJ999999")));
    }

    [Fact]
    public async Task Anonymous_GetsUnauthorizedProblem()
    {
        var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync("/api/offices");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // Without a token every /api address is 401, whether or not it exists: nothing is learnt before signing in.
        var unknown = await anonymous.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<int> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}
