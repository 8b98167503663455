/**
 * Conformance: inbound Apex REST. A form-encoded body reaches Apex only as decoded `params` with an empty
 * `requestBody` (salesforce.stackexchange.com/q/171955); any other body is copied into `requestBody` for a
 * method without parameters (Apex Developer Guide, Apex REST Methods).
 */
import { runtimeFor } from './harness';
import { receiveRestRequest } from '../src/rest/apex-rest';

const ECHO = `@RestResource(urlMapping='/echo/*')
global class Echo {
    @HttpPost
    global static void receive() {
        RestRequest request = RestContext.request;
        List<String> names = new List<String>(request.params.keySet());
        names.sort();
        List<String> fields = new List<String>();
        for (String name : names) {
            fields.add(name + '=' + request.params.get(name));
        }
        RestContext.response.statusCode = 202;
        RestContext.response.addHeader('Content-Type', 'text/plain');
        RestContext.response.responseBody = Blob.valueOf(
            request.httpMethod + ' ' + request.requestURI + ' body[' + request.requestBody.size() + ']=' +
            request.requestBody.toString() + ' params ' + String.join(fields, '&') + ' signature ' +
            request.headers.get('X-Slack-Signature')
        );
    }
    @HttpGet
    global static Map<String, String> read() {
        return RestContext.request.params;
    }
}`;

describe('Apex REST inbound requests', () => {
    it('puts form-encoded fields in params, decoded, and leaves requestBody empty', async () => {
        const { rt } = await runtimeFor({ Echo: ECHO });
        const answer = receiveRestRequest(rt, {
            method: 'POST',
            path: '/echo/slack?source=app',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Signature': 'v0=abc' },
            body: 'payload=%7B%22text%22%3A%22%2AApprove%2A+now%22%7D'
        });

        expect(answer).toEqual({
            statusCode: 202,
            headers: { 'Content-Type': 'text/plain' },
            body: 'POST /echo/slack body[0]= params payload={"text":"*Approve* now"}&source=app signature v0=abc',
            error: null
        });
    });

    it('copies any other body into requestBody byte for byte', async () => {
        const { rt } = await runtimeFor({ Echo: ECHO });
        const answer = receiveRestRequest(rt, {
            method: 'POST',
            path: '/echo',
            headers: { 'Content-Type': 'application/json' },
            body: '{"a":"*~ +"}'
        });

        expect(answer.body).toBe('POST /echo body[12]={"a":"*~ +"} params  signature null');
    });

    it('serializes a returned value as JSON', async () => {
        const { rt } = await runtimeFor({ Echo: ECHO });
        const answer = receiveRestRequest(rt, { method: 'GET', path: '/echo/x?id=42', headers: {} });

        expect(answer.statusCode).toBe(200);
        expect(JSON.parse(answer.body)).toEqual({ id: '42' });
    });

    it('refuses a path no @RestResource maps', async () => {
        const { rt } = await runtimeFor({ Echo: ECHO });

        expect(() => receiveRestRequest(rt, { method: 'POST', path: '/other', headers: {} })).toThrow(
            'No @RestResource maps /other'
        );
    });
});
