using Daftar.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// Hands out running numbers (computer numbers, file serials, diary numbers, audit seals) inside the caller's transaction:
/// the counter row stays locked until the business transaction commits, and a failed attempt rolls it back, so
/// numbers are never reused and a clerk never sees a gap. Works the same on SQLite and PostgreSQL (INSERT … ON
/// CONFLICT … RETURNING).
/// </summary>
public sealed class RunningNumbers(DaftarDb db)
{
    public async Task<long> NextAsync(string key, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Numbers must be taken inside the transaction that uses them.");
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction.GetDbTransaction();
        command.CommandText =
            "INSERT INTO \"NumberSequences\" (\"Key\", \"Next\") VALUES (@key, 2) " +
            "ON CONFLICT (\"Key\") DO UPDATE SET \"Next\" = \"NumberSequences\".\"Next\" + 1 RETURNING \"Next\" - 1";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
