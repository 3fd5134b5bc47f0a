@testable import BrokleStorage
import Testing

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolonsAndDropsCommentOnlyParts() {
        let statements = SQLScript.statements(
            """
            -- header; with a semicolon
            CREATE TABLE a (x INTEGER);
            /* block; comment */
            CREATE INDEX a_x ON a (x);
            -- trailing comment only
            """)
        #expect(statements.count == 2)
        #expect(statements[0].hasSuffix("CREATE TABLE a (x INTEGER)"))
        #expect(statements[1].hasSuffix("CREATE INDEX a_x ON a (x)"))
    }

    @Test func keepsSemicolonsInsideQuotes() {
        let statements = SQLScript.statements(
            """
            INSERT INTO t VALUES ('a;b', 'it''s; fine');
            SELECT "odd;name" FROM t;
            """)
        #expect(statements == ["INSERT INTO t VALUES ('a;b', 'it''s; fine')", #"SELECT "odd;name" FROM t"#])
    }

    @Test func keepsPostgresDollarQuotedBodiesWhole() {
        let statements = SQLScript.statements(
            """
            CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.x := 1; RETURN NEW; END; $body$ LANGUAGE plpgsql;
            DO $$ BEGIN PERFORM 1; END $$;
            """)
        #expect(statements.count == 2)
        #expect(statements[0].contains("RETURN NEW; END; $body$ LANGUAGE plpgsql"))
        #expect(statements[1] == "DO $$ BEGIN PERFORM 1; END $$")
    }

    @Test func keepsSQLiteTriggerBodiesWhole() {
        let statements = SQLScript.statements(
            """
            CREATE TRIGGER t AFTER INSERT ON a BEGIN
              UPDATE b SET n = CASE WHEN n > 0 THEN n + 1 ELSE 1 END;
              DELETE FROM c;
            END;
            CREATE TABLE z (x INTEGER);
            """)
        #expect(statements.count == 2)
        #expect(statements[0].hasSuffix("END"))
        #expect(statements[1] == "CREATE TABLE z (x INTEGER)")
    }

    @Test func aTriggerAfterACommentIsStillOneStatement() {
        let statements = SQLScript.statements(
            """
            SELECT 1;
            -- What the trigger does; in a comment.
            CREATE TRIGGER v_insert INSTEAD OF INSERT ON v
            BEGIN
                INSERT INTO n (name) SELECT NEW.a WHERE NEW.a IS NOT NULL ON CONFLICT (name) DO NOTHING;
                INSERT INTO r (x) VALUES (CASE WHEN NEW.b = 'ok' THEN 0 ELSE x'00' END);
            END;
            SELECT 2;
            """)
        #expect(statements.count == 3)
        #expect(statements[1].hasSuffix("END") && statements[1].contains("DO NOTHING;"))
        #expect(statements[2] == "SELECT 2")
    }

    @Test func lastStatementNeedsNoSemicolon() {
        #expect(SQLScript.statements("SELECT 1;\nSELECT 2") == ["SELECT 1", "SELECT 2"])
    }
}
