"""An Open Inference Protocol gRPC client generated at run time from the REFERENCE proto (Triton's grpc_service.proto,
beside this file) with grpc_tools.protoc: nothing of Mosaic Studio's own code or service definition is used.

Usage: python3 oip_client.py < calls.json, where calls.json is
  {"address": "127.0.0.1:8001", "token": "..." or null, "calls": [{"rpc": "ModelInfer", "request": {...}}, ...]}
with each request in protobuf's JSON mapping (field names as in the proto, bytes as base64); a ModelStreamInfer call
gives "requests" (sent in order on one stream) instead. Prints one JSON object per call, in order, as a JSON array:
{"ok": true, "response": {...}} ({"ok": true, "response": {"responses": [...]}} for a stream) or {"ok": false, "code": "NOT_FOUND",
"details": "..."}.
"""
import json
import os
import sys
import tempfile

import grpc
from grpc_tools import protoc
from google.protobuf import json_format

here = os.path.dirname(os.path.abspath(__file__))


def generate(out):
    code = protoc.main(
        ["protoc", f"-I{here}", f"--python_out={out}", f"--grpc_python_out={out}", "grpc_service.proto", "model_config.proto"]
    )
    if code != 0:
        raise SystemExit(f"protoc failed with {code}")
    sys.path.insert(0, out)


def main():
    spec = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as out:
        generate(out)
        import grpc_service_pb2 as pb
        import grpc_service_pb2_grpc as pb_grpc

        options = [("grpc.max_receive_message_length", 256 * 1024 * 1024), ("grpc.max_send_message_length", 256 * 1024 * 1024)]
        with grpc.insecure_channel(spec["address"], options=options) as channel:
            stub = pb_grpc.GRPCInferenceServiceStub(channel)
            metadata = [("authorization", f"Bearer {spec['token']}")] if spec.get("token") else []
            results = []
            as_dict = lambda message: json_format.MessageToDict(message, preserving_proto_field_name=True)
            for call in spec["calls"]:
                rpc = call["rpc"]
                try:
                    if rpc == "ModelStreamInfer":
                        # One stream: every request of "requests" sent in order, every answer read back.
                        requests = [json_format.ParseDict(r, pb.ModelInferRequest()) for r in call["requests"]]
                        answers = stub.ModelStreamInfer(iter(requests), metadata=call.get("metadata", metadata), timeout=60)
                        results.append({"ok": True, "response": {"responses": [as_dict(answer) for answer in answers]}})
                        continue
                    request = json_format.ParseDict(call.get("request", {}), getattr(pb, f"{rpc}Request")())
                    response = getattr(stub, rpc)(request, metadata=call.get("metadata", metadata), timeout=60)
                    results.append({"ok": True, "response": as_dict(response)})
                except grpc.RpcError as error:
                    results.append({"ok": False, "code": error.code().name, "details": error.details()})
            json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
