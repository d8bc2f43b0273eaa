import Foundation
import Testing

@testable import Detector

@Suite("CSVMatrix")
struct IsolationForestCSVMatrixTests {
    @Test("plain numbers, no header")
    func plain() throws {
        let matrix = try CSVMatrix.parse("1,2.5,-3\n4e2, 5 ,0.125\n")
        #expect(matrix == FeatureMatrix(rows: 2, columns: 3, values: [1, 2.5, -3, 400, 5, 0.125]))
        #expect(matrix[1, 0] == 400)
    }

    @Test("a first line with a non-numeric field is a header; CRLF and blank lines are accepted")
    func headerAndLineEnds() throws {
        let matrix = try CSVMatrix.parse("amount,days\r\n\r\n10,1\r\n20,2\r\n\n")
        #expect(matrix == FeatureMatrix(rows: 2, columns: 2, values: [10, 1, 20, 2]))
        #expect(try CSVMatrix.parse("x,1\n").rows == 0)
        #expect(try CSVMatrix.parse("") == FeatureMatrix(rows: 0, columns: 0, values: []))
    }

    @Test("errors name the line and field")
    func errors() {
        #expect(throws: CSVMatrixError.wrongFieldCount(line: 3, expected: 2, found: 3)) {
            try CSVMatrix.parse("a,b\n1,2\n1,2,3\n")
        }
        #expect(throws: CSVMatrixError.notAFiniteNumber(line: 2, field: 2, text: "x")) {
            try CSVMatrix.parse("1,2\n3,x\n")
        }
        #expect(throws: CSVMatrixError.notAFiniteNumber(line: 2, field: 1, text: "nan")) {
            try CSVMatrix.parse("1,2\nnan,1\n")
        }
        #expect(throws: CSVMatrixError.notAFiniteNumber(line: 2, field: 2, text: "")) {
            try CSVMatrix.parse("1,2\n3,\n")
        }
    }

    @Test("written values read back bit for bit")
    func roundTrip() throws {
        let values = [0.1, 1.0 / 3.0, -2.5e-300, 123456789.123456789, 0.5632193547994557, .leastNonzeroMagnitude, 0]
        let matrix = FeatureMatrix(rows: values.count, columns: 1, values: values)
        #expect(try CSVMatrix.parse(CSVMatrix.format(matrix)) == matrix)
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("csvmatrix-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CSVMatrix.write(matrix, path: path)
        #expect(try CSVMatrix.read(path: path) == matrix)
        #expect(throws: CSVMatrixError.unreadable(path: path + ".missing")) {
            try CSVMatrix.read(path: path + ".missing")
        }
    }
}
